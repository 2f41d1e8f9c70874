namespace Payout.Api.Domain.Limits;

/// <summary>One pair's bound overrides; either may be left out to keep the default.</summary>
public sealed class PairBoundsOptions
{
    public decimal? MinAmountTo { get; set; }

    public decimal? MaxAmountTo { get; set; }
}
