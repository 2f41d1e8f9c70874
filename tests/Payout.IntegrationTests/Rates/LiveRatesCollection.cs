namespace Payout.IntegrationTests.Rates;

/// <summary>
/// The live-rates app runs alone, after the parallel test classes: OpenTelemetry merges the same series from
/// every app in the process (last value wins), so its rate ages — 61 s while its exchanges are down — would show
/// in another app's scrape of <c>payout_rates_age_seconds</c>.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveRatesCollection
{
    public const string Name = "Live rates";
}
