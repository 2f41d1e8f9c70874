using Payout.Api.Domain.Money;

namespace Payout.Api.Domain.Payouts;

/// <summary>What saying how to clear a failed check needs beyond the checks' own facts (gathered by the caller; no I/O here).</summary>
/// <param name="From">The offer's crypto: the currency of a shortfall and of the bounds.</param>
/// <param name="Now">The instant of the checks.</param>
/// <param name="LimitFitsAgainAt"><c>KycLimits.FitsAgainAt</c> for this payout; null when waiting cannot clear the limit
/// (or the limit did not fail).</param>
/// <param name="FloatRetryAfter">How long to wait before trying again when our fiat at the network is short.</param>
public sealed record RefusalFacts(Currency From, DateTimeOffset Now, DateTimeOffset? LimitFitsAgainAt, TimeSpan FloatRetryAfter);
