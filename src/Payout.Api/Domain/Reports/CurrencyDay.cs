using Payout.Api.Domain.Ledger;

namespace Payout.Api.Domain.Reports;

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
