using Payout.Api.Domain.Money;

namespace Payout.Api.Domain.Pricing;

/// <summary>An offer's figures at one customer rate (spec §7–§8).</summary>
/// <param name="AmountTo">Fiat the card receives: amount × rate, rounded down to the fiat's scale.</param>
/// <param name="Fees">What the customer pays on top of the amount, and how it splits.</param>
public sealed record PricedOffer(decimal Amount, Currency From, Currency To, decimal Rate, decimal AmountTo, FeeBreakdown Fees)
{
    /// <summary>Amount + fees: what leaves the customer's wallet.</summary>
    public decimal TotalDebited => Amount + Fees.Total;
}
