using Payout.Api.Domain.Limits;

namespace Payout.Api.Features.Offers;

/// <summary>
/// The payouts that hold a customer's KYC limit (succeeded or in flight) since a moment, one by one; the sum itself is
/// read in SQL (<c>QuoteReads.UsedLimitSql</c>). Declared here, where quotes need it, and answered by the payouts (their
/// table): so Offers never depends on Payouts, which depends on Offers.
/// </summary>
public interface IKycLimitUsage
{
    /// <summary>
    /// The payouts one by one (EUR figure and time), oldest first: what <c>KycLimits.FitsAgainAt</c> needs to say
    /// when the window frees enough. Asked only when the limit refuses a payout.
    /// </summary>
    Task<IReadOnlyList<CountedPayout>> CountedSinceAsync(long customerId, DateTimeOffset since, CancellationToken cancellationToken);
}
