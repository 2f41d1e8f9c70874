using Payout.Api.Domain.Money;

namespace Payout.Api.Features.Offers;

/// <summary>A quote request that passed the input checks: a pair we pay out and an amount at its crypto's scale.</summary>
public sealed record OfferInput(Currency From, Currency To, decimal Amount);
