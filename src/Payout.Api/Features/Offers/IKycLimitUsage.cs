using Payout.Api.Domain.Limits;

namespace Payout.Api.Features.Offers;

/// <summary>
/// What a customer has used of the KYC limit: the payouts that succeeded or are in flight since a moment, in EUR.
/// Declared here, where quotes need it, and answered by the payouts (their table): so Offers never depends on
/// Payouts, which depends on Offers.
/// </summary>
public interface IKycLimitUsage
{
    Task<decimal> UsedEurSinceAsync(long customerId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// The same payouts one by one (EUR figure and time), oldest first: what <c>KycLimits.FitsAgainAt</c> needs to say
    /// when the window frees enough. Asked only when the limit refuses a payout.
    /// </summary>
    Task<IReadOnlyList<CountedPayout>> CountedSinceAsync(long customerId, DateTimeOffset since, CancellationToken cancellationToken);
}
