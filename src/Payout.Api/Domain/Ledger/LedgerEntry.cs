namespace Payout.Api.Domain.Ledger;

/// <summary>One leg of a ledger transaction: a signed amount on one account (credit positive, debit negative).</summary>
public sealed record LedgerEntry(AccountKey Account, decimal Amount);
