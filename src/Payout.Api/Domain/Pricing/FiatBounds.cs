namespace Payout.Api.Domain.Pricing;

/// <summary>Per-payout bounds in the target fiat, as configured (spec §6, default 25 and 2 500).</summary>
public sealed record FiatBounds(decimal MinAmountTo, decimal MaxAmountTo);
