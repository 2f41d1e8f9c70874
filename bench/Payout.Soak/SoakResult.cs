namespace Payout.Soak;

public sealed record SoakResult(
    SoakOptions Options, long Requests, long Unavailable, long ConnectionErrors, int Payouts, int Success, int Failed, int Stuck,
    int Kills, int DatabaseRestarts, IReadOnlyList<string> Violations, TimeSpan Took)
{
    /// <summary>The one line the run prints (and docs/soak.md keeps).</summary>
    public string Line =>
        $"soak: {Options.Seconds} s, {Options.Apis} API processes, {Options.Clients} clients, seed {Options.Seed}: "
        + $"requests={Requests} (503={Unavailable}, dropped connections={ConnectionErrors}), "
        + $"payouts={Payouts} (success={Success}, failed={Failed}, stuck={Stuck}), "
        + $"kills={Kills}, database restarts={DatabaseRestarts}, violations={Violations.Count} (took {Took.TotalSeconds:F0} s)";
}
