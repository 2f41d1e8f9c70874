namespace Payout.Api.Domain.Ledger;

/// <summary>A ledger transaction whose entries do not sum to zero per currency: a bug, never a customer's mistake.</summary>
public sealed class UnbalancedTransactionException(string message) : InvalidOperationException(message);
