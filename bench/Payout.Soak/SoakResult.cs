using System.Text.RegularExpressions;

namespace Payout.Soak;

public sealed record SoakResult(
    SoakOptions Options, long Requests, long Unavailable, long ConnectionErrors, int Payouts, int Success, int Failed, int Stuck,
    int Kills, int DatabaseRestarts, IReadOnlyList<string> Violations, IReadOnlyList<string> Causes, TimeSpan Took)
{
    /// <summary>The one line the run prints (and docs/soak.md keeps).</summary>
    public string Line =>
        $"soak: {Options.Seconds} s, {Options.Apis} API processes, {Options.Clients} clients{(Options.PauseMilliseconds > 0 ? $" pausing {Options.PauseMilliseconds} ms" : "")}, seed {Options.Seed}: "
        + $"requests={Requests} (503={Unavailable}, dropped connections={ConnectionErrors}), "
        + $"payouts={Payouts} (success={Success}, failed={Failed}, stuck={Stuck}), "
        + $"kills={Kills}, database restarts={DatabaseRestarts}, violations={Violations.Count} (took {Took.TotalSeconds:F0} s)";

    /// <summary>
    /// The violations by kind (numbers blanked), most frequent first, each with a count and a first example; then what the
    /// API processes logged for the 500s they answered, when there were any.
    /// </summary>
    public IEnumerable<string> ViolationSummary =>
        Violations.GroupBy(v => Regex.Replace(v, "[0-9]+", "#"))
            .OrderByDescending(g => g.Count())
            .Select(g => $"{g.Count()} x {g.Key} (e.g. {g.First()})")
            .Concat(Causes.Distinct().Take(3).Select(c => "a 500's cause: " + c));
}
