namespace Payout.Api.Features.Offers;

/// <summary>Per-payout bounds in the target fiat, as configured (spec §6, default 25 and 2 500).</summary>
public sealed record FiatBounds(decimal MinAmountTo, decimal MaxAmountTo);

/// <summary>
/// The same bounds in the source crypto at one rate: min rounded up, max rounded down, so an amount inside
/// them is worth at least the fiat minimum and at most the fiat maximum. Min may exceed max at extreme rates;
/// then no amount is within bounds.
/// </summary>
public sealed record CryptoBounds(decimal MinAmountFrom, decimal MaxAmountFrom)
{
    public bool Contains(decimal amount) => MinAmountFrom <= amount && amount <= MaxAmountFrom;
}
