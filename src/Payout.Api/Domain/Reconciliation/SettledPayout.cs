namespace Payout.Api.Domain.Reconciliation;

/// <summary>One of our payouts that became SUCCESS on <paramref name="SettledDay"/>: the fiat the card should have received.</summary>
public sealed record SettledPayout(long OperationId, decimal Amount, string Currency, DateOnly SettledDay);
