namespace Payout.Api.Domain.Pricing;

/// <summary>What <see cref="SlippageBand.Decide"/> found for an expired offer.</summary>
/// <param name="Honoured">True when the offer executes despite having expired.</param>
/// <param name="LockedRate">The offer's rate, locked when it was quoted.</param>
/// <param name="FreshRate">The customer rate now.</param>
/// <param name="RateUsed">The rate the payout is priced at when honoured: the better of the two for the customer.</param>
public sealed record SlippageDecision(bool Honoured, decimal LockedRate, decimal FreshRate, decimal? RateUsed)
{
    /// <summary>The house pays the difference: the market moved against the customer and the locked rate was kept.</summary>
    public bool KeepsLockedRate => Honoured && FreshRate < LockedRate;
}
