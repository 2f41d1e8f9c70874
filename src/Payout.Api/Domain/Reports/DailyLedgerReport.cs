using Payout.Api.Domain.Ledger;

namespace Payout.Api.Domain.Reports;

/// <summary>One account type's balance in one currency (summed over all its accounts) at the day's start and end.</summary>
public sealed record AccountTypeBalances(string Currency, AccountType Type, decimal Opening, decimal Closing);

/// <summary>What one kind of ledger transaction did to one account type in one currency during the day (signed).</summary>
public sealed record AccountTypeMovement(string Currency, AccountType Type, string Kind, decimal Amount);

/// <summary>The day's change of one account type, per kind of ledger transaction (credit positive, debit negative).</summary>
public sealed record Movements(decimal Deposit, decimal Withdrawal, decimal FloatTopUp, decimal PayoutDebit, decimal PayoutSettle, decimal PayoutRefund)
{
    public static readonly Movements None = new(0, 0, 0, 0, 0, 0);

    public decimal Total => Deposit + Withdrawal + FloatTopUp + PayoutDebit + PayoutSettle + PayoutRefund;

    /// <summary>Adds a kind's amount; a kind this report does not know is left out, so the line will not balance.</summary>
    public Movements Add(string kind, decimal amount) => kind switch
    {
        LedgerTransactions.DepositKind => this with { Deposit = Deposit + amount },
        LedgerTransactions.WithdrawalKind => this with { Withdrawal = Withdrawal + amount },
        LedgerTransactions.FloatTopUpKind => this with { FloatTopUp = FloatTopUp + amount },
        LedgerTransactions.PayoutDebitKind => this with { PayoutDebit = PayoutDebit + amount },
        LedgerTransactions.PayoutSettleKind => this with { PayoutSettle = PayoutSettle + amount },
        LedgerTransactions.PayoutRefundKind => this with { PayoutRefund = PayoutRefund + amount },
        _ => this,
    };
}

/// <summary>One account type of one currency over the day.</summary>
public sealed record AccountTypeDay(AccountType Type, decimal Opening, Movements Movements, decimal Closing)
{
    /// <summary>Every cent between opening and closing is explained by a known kind of movement.</summary>
    public bool Balances => Opening + Movements.Total == Closing;
}

/// <summary>
/// One currency over the day: each account type's line, and the business figures read from them, all positive:
/// money in and out, what entered "in flight" at execute, what the network settled or refunded, our fees.
/// For a crypto these are the customer's side of payouts; for a fiat, the float's (reserved, paid out, released).
/// </summary>
public sealed record CurrencyDay(string Currency, IReadOnlyList<AccountTypeDay> Accounts)
{
    public decimal Deposits => Change(AccountType.CustomerWallet, m => m.Deposit);

    public decimal Withdrawals => -Change(AccountType.CustomerWallet, m => m.Withdrawal);

    public decimal FloatTopUps => Change(AccountType.NetworkFloat, m => m.FloatTopUp);

    public decimal PayoutsDebited => Change(AccountType.PayoutsInFlight, m => m.PayoutDebit) + Change(AccountType.FiatInFlight, m => m.PayoutDebit);

    public decimal Settled => Change(AccountType.SettledPayouts, m => m.PayoutSettle) + Change(AccountType.FiatPaidOut, m => m.PayoutSettle);

    public decimal Refunded => -(Change(AccountType.PayoutsInFlight, m => m.PayoutRefund) + Change(AccountType.FiatInFlight, m => m.PayoutRefund));

    public decimal Fees => Change(AccountType.FeeRevenue, m => m.PayoutSettle);

    public decimal PartnerFees => Change(AccountType.PartnerRevenue, m => m.PayoutSettle);

    /// <summary>Double entry: the currency's accounts together hold zero, at the start and at the end of the day.</summary>
    public bool SumsToZero => Accounts.Sum(a => a.Opening) == 0 && Accounts.Sum(a => a.Closing) == 0;

    public bool Balances => SumsToZero && Accounts.All(a => a.Balances);

    private decimal Change(AccountType type, Func<Movements, decimal> kind) =>
        Accounts.Where(a => a.Type == type).Sum(a => kind(a.Movements));
}

/// <summary>Builds the day per currency from the sums the database computes.</summary>
public static class DailyLedgerReport
{
    /// <summary>
    /// One line per currency and account type that held money at either end of the day or moved during it; a
    /// currency with no such line is left out.
    /// </summary>
    /// <param name="balances">Per currency and account type: the sum of the postings before the day, and before the next day.</param>
    /// <param name="movements">Per currency, account type and transaction kind: the postings during the day.</param>
    public static IReadOnlyList<CurrencyDay> Build(IEnumerable<AccountTypeBalances> balances, IEnumerable<AccountTypeMovement> movements)
    {
        var movementList = movements.ToList();
        var moved = movementList
            .GroupBy(m => (m.Currency, m.Type))
            .ToDictionary(g => g.Key, g => g.Aggregate(Movements.None, (sum, m) => sum.Add(m.Kind, m.Amount)));
        var active = movementList.Where(m => m.Amount != 0).Select(m => (m.Currency, m.Type)).ToHashSet();
        return [.. balances
            .Where(b => b.Opening != 0 || b.Closing != 0 || active.Contains((b.Currency, b.Type)))
            .GroupBy(b => b.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(currency => new CurrencyDay(currency.Key, [.. currency
                .OrderBy(b => b.Type)
                .Select(b => new AccountTypeDay(b.Type, b.Opening, moved.GetValueOrDefault((b.Currency, b.Type), Movements.None), b.Closing))]))];
    }
}
