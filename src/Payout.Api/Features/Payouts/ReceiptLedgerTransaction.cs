namespace Payout.Api.Features.Payouts;

/// <summary>One ledger transaction of a payout on its receipt: its id (for a reconciliation to find), kind and time.</summary>
public sealed record ReceiptLedgerTransaction(long Id, string Kind, DateTimeOffset CreatedAt);
