namespace Payout.IntegrationTests.Operations;

/// <summary>
/// The classes that read gauges (payouts in flight, rate ages) exactly, or whose app would skew them (stale rates): they
/// run one at a time after the parallel classes. OpenTelemetry merges the same series from every app in the process and
/// a gauge keeps the last value reported, so another app alive at the same time would answer for this one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RateGaugesCollection
{
    public const string Name = "Rate age gauges";
}
