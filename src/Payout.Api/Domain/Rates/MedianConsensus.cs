namespace Payout.Api.Domain.Rates;

/// <summary>
/// The rule that turns several exchanges' prices into one rate, with no I/O and no clock of its own:
/// <list type="number">
/// <item>only observations at most <see cref="ConsensusRules.MaxAge"/> old at <c>now</c> count;</item>
/// <item>fewer than <see cref="ConsensusRules.MinAgreeing"/> of them → no rate (too few fresh);</item>
/// <item>an observation further than <see cref="ConsensusRules.OutlierPercent"/> from the median of the fresh
/// ones is an outlier and is dropped (exactly at the band is kept);</item>
/// <item>fewer than <see cref="ConsensusRules.MinAgreeing"/> left → no rate (disagreeing);</item>
/// <item>else the rate is the median of those left, observed at the oldest of their times.</item>
/// </list>
/// With two exchanges, each is half their gap from their median: they agree when at most twice the band apart.
/// </summary>
public static class MedianConsensus
{
    public static RateConsensus Decide(IEnumerable<ExchangeObservation> observations, ConsensusRules rules, DateTimeOffset now)
    {
        var fresh = new List<ExchangeObservation>();
        var stale = new List<ExchangeObservation>();
        foreach (var observation in observations)
        {
            (IsFresh(observation, rules.MaxAge, now) ? fresh : stale).Add(observation);
        }

        if (fresh.Count < rules.MinAgreeing)
        {
            return new RateConsensus(ConsensusOutcome.TooFewFresh, 0m, default, fresh, [], [], stale);
        }

        var median = Median(fresh.Select(o => o.Price));
        var agreeing = fresh.Where(o => IsWithinBand(o.Price, median, rules.OutlierPercent)).ToList();
        var outliers = fresh.Where(o => !IsWithinBand(o.Price, median, rules.OutlierPercent)).ToList();
        return agreeing.Count < rules.MinAgreeing
            ? new RateConsensus(ConsensusOutcome.Disagreeing, 0m, default, fresh, [], fresh, stale)
            : new RateConsensus(
                ConsensusOutcome.Agreed, Median(agreeing.Select(o => o.Price)), agreeing.Min(o => o.ObservedAt), fresh, agreeing, outliers, stale);
    }

    /// <summary>At most <paramref name="maxAge"/> old; an observation stamped after <paramref name="now"/> is fresh too.</summary>
    public static bool IsFresh(ExchangeObservation observation, TimeSpan maxAge, DateTimeOffset now) =>
        observation.Price > 0 && now - observation.ObservedAt <= maxAge;

    /// <summary>|price − median| ≤ percent % of the median, in exact decimal arithmetic.</summary>
    public static bool IsWithinBand(decimal price, decimal median, decimal percent) =>
        Math.Abs(price - median) * 100m <= percent * median;

    /// <summary>The middle value, or the mean of the two middle values for an even count.</summary>
    public static decimal Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            throw new ArgumentException("The median of nothing is undefined.", nameof(values));
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }
}
