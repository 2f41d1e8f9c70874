using Payout.Soak;

// scripts/soak.sh runs this after a Release build: the bank test under faults (README "Soak test").
var root = RepositoryRoot.Find(AppContext.BaseDirectory);
var options = SoakOptions.Parse(args, root);
var result = await SoakRun.RunAsync(options, Console.Error.WriteLine);
Console.WriteLine(result.Line);
foreach (var kind in result.ViolationSummary)
{
    Console.Error.WriteLine("violations: " + kind);
}

return result.Violations.Count == 0 && result.Kills >= options.Kills && result.DatabaseRestarts >= options.DatabaseRestarts ? 0 : 1;
