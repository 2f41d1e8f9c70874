using Payout.Api.Domain.Ledger;

namespace Payout.Api.Domain.Reports;

/// <summary>One account type of one currency over the day.</summary>
public sealed record AccountTypeDay(AccountType Type, decimal Opening, Movements Movements, decimal Closing)
{
    /// <summary>Every cent between opening and closing is explained by a known kind of movement.</summary>
    public bool Balances => Opening + Movements.Total == Closing;
}
