using Payout.Api.Domain.Money;
using Payout.Api.Domain.Pricing;
using Payout.Api.Domain.Rates;

namespace Payout.Api.Features.Offers;

/// <summary>A pair at its current customer rate: what /data shows and an offer locks.</summary>
/// <param name="EurPerTarget">EUR per one unit of the target fiat, for the KYC limit (1 for EUR).</param>
public sealed record PairQuote(Currency From, Currency To, CustomerRate Rate, CryptoBounds Bounds, decimal EurPerTarget);
