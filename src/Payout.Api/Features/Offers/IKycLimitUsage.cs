namespace Payout.Api.Features.Offers;

/// <summary>
/// What a customer has used of the KYC limit: the payouts that succeeded or are in flight since a moment, in EUR.
/// Declared here, where quotes need it, and answered by the payouts (their table): so Offers never depends on
/// Payouts, which depends on Offers.
/// </summary>
public interface IKycLimitUsage
{
    Task<decimal> UsedEurSinceAsync(long customerId, DateTimeOffset since, CancellationToken cancellationToken);
}
