namespace Payout.Api.Domain.Ledger;

/// <summary>The fiat side of a payout: what the card receives, in its currency.</summary>
public sealed record FiatLeg(string Currency, decimal Amount);
