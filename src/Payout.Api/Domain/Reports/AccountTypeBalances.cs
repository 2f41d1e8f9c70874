using Payout.Api.Domain.Ledger;

namespace Payout.Api.Domain.Reports;

/// <summary>One account type's balance in one currency (summed over all its accounts) at the day's start and end.</summary>
public sealed record AccountTypeBalances(string Currency, AccountType Type, decimal Opening, decimal Closing);
