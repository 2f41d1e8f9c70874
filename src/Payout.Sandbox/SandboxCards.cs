using System.Collections.Frozen;

namespace Payout.Sandbox;

/// <summary>What the sandbox network does with a payout to a given card.</summary>
public enum CardBehaviour
{
    /// <summary>Eligible, PAID at once: the public test numbers and every number not listed below.</summary>
    PaidAtOnce,

    /// <summary>PENDING, then PAID after the pending delay (with a callback).</summary>
    PendingThenPaid,

    /// <summary>PENDING, then DECLINED <c>ISSUER_DECLINED</c> after the pending delay (with a callback).</summary>
    PendingThenDeclined,

    /// <summary>DECLINED <c>DO_NOT_HONOUR</c> at once.</summary>
    DeclinedAtOnce,

    /// <summary>Eligibility answers false; a payout is DECLINED <c>NOT_ELIGIBLE</c> at once.</summary>
    NotEligible,

    /// <summary>The first create attempts for a payoutId answer 503 and record nothing; then PAID at once.</summary>
    Transient,

    /// <summary>The first create attempt records PAID, then hangs before answering; later attempts answer at once.</summary>
    LostResponse,

    /// <summary>Every request about the card hangs, then the connection is aborted; nothing is ever recorded.</summary>
    NoAnswer,
}

/// <summary>
/// The special card numbers of the sandbox (README: "Test cards"). All are Luhn-valid 16-digit Visa numbers
/// <c>4000 0000 0000 00xx</c>, so they pass PayOut's own card checks and reach the network.
/// </summary>
public static class SandboxCards
{
    public const string PendingThenPaid = "4000000000000010";
    public const string PendingThenDeclined = "4000000000000028";
    public const string DeclinedAtOnce = "4000000000000036";
    public const string NotEligible = "4000000000000044";
    public const string Transient = "4000000000000051";
    public const string LostResponse = "4000000000000069";
    public const string NoAnswer = "4000000000000077";

    /// <summary>The well-known public test numbers (spec §14): eligible and paid at once.</summary>
    public static IReadOnlyList<string> PublicTestNumbers { get; } =
        ["4012888888881881", "4111111111111111", "5555555555554444", "5105105105105100", "2223003122003222"];

    /// <summary>Every special number with its behaviour (the README's table). Frozen: no caller can change the table.</summary>
    public static IReadOnlyDictionary<string, CardBehaviour> Special { get; } = new Dictionary<string, CardBehaviour>(StringComparer.Ordinal)
    {
        [PendingThenPaid] = CardBehaviour.PendingThenPaid,
        [PendingThenDeclined] = CardBehaviour.PendingThenDeclined,
        [DeclinedAtOnce] = CardBehaviour.DeclinedAtOnce,
        [NotEligible] = CardBehaviour.NotEligible,
        [Transient] = CardBehaviour.Transient,
        [LostResponse] = CardBehaviour.LostResponse,
        [NoAnswer] = CardBehaviour.NoAnswer,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static CardBehaviour BehaviourOf(string digits) =>
        Special.TryGetValue(digits, out var behaviour) ? behaviour : CardBehaviour.PaidAtOnce;

    /// <summary>12–19 ASCII digits with a valid Luhn check digit (what a real network accepts as a PAN).</summary>
    public static bool IsWellFormed(string? digits) =>
        digits is { Length: >= 12 and <= 19 } && digits.All(char.IsAsciiDigit) && IsLuhnValid(digits);

    private static bool IsLuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            // From the right: the check digit counts as is, every second digit is doubled.
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? d : (d < 5 ? 2 * d : (2 * d) - 9);
        }

        return sum % 10 == 0;
    }
}
