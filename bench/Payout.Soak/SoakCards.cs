namespace Payout.Soak;

/// <summary>The cards each client pays out to: a normal one and the sandbox's special ones (src/Payout.Sandbox/README.md).</summary>
public static class SoakCards
{
    public const string PaidAtOnce = "4012888888881881";

    /// <summary>
    /// Number and weight (how often a payout goes to it, in percent): mostly normal cards, every special behaviour often
    /// enough. Never-answering payouts are 5 %: a 10-minute run leaves hundreds of them, each asked again with a timeout,
    /// and the dispatcher must not hold the payouts the network did answer behind them (it works a claimed batch side
    /// by side; when it took them one by one, answered payouts waited over 7 minutes — docs/soak.md).
    /// </summary>
    public static readonly IReadOnlyList<(string Number, int Weight)> All =
    [
        (PaidAtOnce, 40),
        ("4000000000000010", 15), // pending, then paid
        ("4000000000000028", 10), // pending, then declined
        ("4000000000000036", 10), // declined at once
        ("4000000000000051", 10), // 503s first (flaky), then paid
        ("4000000000000069", 10), // paid, but the answer is lost
        ("4000000000000077", 5),  // never answers
    ];
}
