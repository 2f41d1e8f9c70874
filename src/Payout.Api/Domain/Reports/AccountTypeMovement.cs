using Payout.Api.Domain.Ledger;

namespace Payout.Api.Domain.Reports;

/// <summary>What one kind of ledger transaction did to one account type in one currency during the day (signed).</summary>
public sealed record AccountTypeMovement(string Currency, AccountType Type, string Kind, decimal Amount);
