namespace Payout.Api.Domain.Pricing;

/// <summary>
/// The <see cref="FiatBounds"/> in the source crypto at one rate: min rounded up, max rounded down, so an amount
/// inside them is worth at least the fiat minimum and at most the fiat maximum. Min may exceed max at extreme rates;
/// then no amount is within bounds.
/// </summary>
public sealed record CryptoBounds(decimal MinAmountFrom, decimal MaxAmountFrom)
{
    public bool Contains(decimal amount) => MinAmountFrom <= amount && amount <= MaxAmountFrom;
}
