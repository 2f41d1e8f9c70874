namespace Payout.Api.Domain.Rates;

/// <summary>
/// When exchanges' prices make a rate: observations at most <see cref="MaxAge"/> old count; one further than
/// <see cref="OutlierPercent"/> from their median is an outlier; at least <see cref="MinAgreeing"/> must remain.
/// </summary>
public sealed record ConsensusRules(TimeSpan MaxAge, decimal OutlierPercent, int MinAgreeing);
