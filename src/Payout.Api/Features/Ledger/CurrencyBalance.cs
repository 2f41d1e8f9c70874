namespace Payout.Api.Features.Ledger;

/// <summary>A wallet's balance in one currency.</summary>
public sealed record CurrencyBalance(string Currency, decimal Balance);
