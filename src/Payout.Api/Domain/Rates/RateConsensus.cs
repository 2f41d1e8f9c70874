namespace Payout.Api.Domain.Rates;

/// <summary>
/// What the exchanges say about one pair at one instant. <see cref="Value"/> and <see cref="ObservedAt"/> mean
/// something only when <see cref="Outcome"/> is <see cref="ConsensusOutcome.Agreed"/>.
/// </summary>
/// <param name="Value">The median of the agreeing observations.</param>
/// <param name="ObservedAt">The oldest agreeing observation's time: the rate is no fresher than its oldest input.</param>
/// <param name="Fresh">The observations at most the allowed age old: the ones that count.</param>
/// <param name="Agreeing">The fresh observations within the band of the median, which the value is made of.</param>
/// <param name="Outliers">The fresh observations dropped: outside the band, or all of them when too few agree.</param>
/// <param name="Stale">Observations older than the rules allow: ignored.</param>
public sealed record RateConsensus(
    ConsensusOutcome Outcome,
    decimal Value,
    DateTimeOffset ObservedAt,
    IReadOnlyList<ExchangeObservation> Fresh,
    IReadOnlyList<ExchangeObservation> Agreeing,
    IReadOnlyList<ExchangeObservation> Outliers,
    IReadOnlyList<ExchangeObservation> Stale)
{
    public bool IsAgreed => Outcome == ConsensusOutcome.Agreed;
}
