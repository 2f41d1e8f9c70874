using Payout.Api.Domain.Pricing;

namespace Payout.Api.Domain.Ledger;

/// <summary>The money movements of PayOut's flows (spec §10), built as balanced transactions.</summary>
public static class LedgerTransactions
{
    public const string DepositKind = "DEPOSIT";
    public const string PayoutDebitKind = "PAYOUT_DEBIT";
    public const string PayoutSettleKind = "PAYOUT_SETTLE";
    public const string PayoutRefundKind = "PAYOUT_REFUND";
    public const string WithdrawalKind = "WITHDRAWAL";
    public const string FloatTopUpKind = "FLOAT_TOP_UP";
    public const string ShardConsolidationKind = "SHARD_CONSOLIDATION";

    /// <summary>Money arriving from outside into a customer's wallet; <paramref name="shard"/> is the deposits account's.</summary>
    public static LedgerTransaction Deposit(long customerId, string currency, decimal amount, int shard) =>
        LedgerTransaction.Create(DepositKind, LedgerTransaction.Transfer(
            AccountKey.House(AccountType.Deposits, currency, shard), AccountKey.Wallet(customerId, currency), amount));

    /// <summary>Money leaving a wallet to the outside (operator withdrawal); the opposite of a deposit.</summary>
    public static LedgerTransaction Withdrawal(long customerId, string currency, decimal amount, int shard) =>
        LedgerTransaction.Create(WithdrawalKind, LedgerTransaction.Transfer(
            AccountKey.Wallet(customerId, currency), AccountKey.House(AccountType.Deposits, currency, shard), amount));

    /// <summary>
    /// Fiat we pre-fund at the payout network. <paramref name="moves"/> says what each float shard receives
    /// (<see cref="HouseShards.EvenOut"/>: a shard may also give, so the float ends even); they sum to the amount.
    /// </summary>
    public static LedgerTransaction FloatTopUp(string fiat, decimal amount, IReadOnlyDictionary<int, decimal> moves, int depositShard) =>
        LedgerTransaction.Create(FloatTopUpKind,
        [
            new LedgerEntry(AccountKey.House(AccountType.Deposits, fiat, depositShard), -amount),
            .. moves.Select(move => new LedgerEntry(AccountKey.House(AccountType.NetworkFloat, fiat, move.Key), move.Value)),
        ]);

    /// <summary>Moves between shards of one house account: its total does not change.</summary>
    public static LedgerTransaction ShardConsolidation(AccountKey account, IEnumerable<ShardMove> moves) =>
        LedgerTransaction.Create(ShardConsolidationKind,
            moves.SelectMany(move => LedgerTransaction.Transfer(account.InShard(move.From), account.InShard(move.To), move.Amount)));

    /// <summary>
    /// At execute: amount plus fees leave the wallet and wait in "payouts in flight"; the fiat the card will
    /// receive is reserved from the float, so the float can never promise more than it holds. Every house
    /// account is the payout's <paramref name="shard"/>; settlement uses the same one.
    /// </summary>
    public static LedgerTransaction PayoutDebit(long customerId, string currency, decimal amount, FeeBreakdown fees, FiatLeg fiat, int shard) =>
        LedgerTransaction.Create(PayoutDebitKind, LedgerTransaction.Transfer(
                AccountKey.Wallet(customerId, currency), AccountKey.House(AccountType.PayoutsInFlight, currency, shard), amount + fees.Total)
            .Concat(LedgerTransaction.Transfer(
                AccountKey.House(AccountType.NetworkFloat, fiat.Currency, shard), AccountKey.House(AccountType.FiatInFlight, fiat.Currency, shard), fiat.Amount)));

    /// <summary>The network paid: the amount is settled, our fees and the partner's become revenue, the fiat is paid out.</summary>
    public static LedgerTransaction PayoutSettle(string currency, decimal amount, FeeBreakdown fees, FiatLeg fiat, int shard)
    {
        var inFlight = AccountKey.House(AccountType.PayoutsInFlight, currency, shard);
        return LedgerTransaction.Create(PayoutSettleKind,
        [
            new LedgerEntry(inFlight, -(amount + fees.Total)),
            new LedgerEntry(AccountKey.House(AccountType.SettledPayouts, currency, shard), amount),
            new LedgerEntry(AccountKey.House(AccountType.FeeRevenue, currency, shard), fees.HouseShare),
            new LedgerEntry(AccountKey.House(AccountType.PartnerRevenue, currency, shard), fees.PartnerShare),
            .. LedgerTransaction.Transfer(
                AccountKey.House(AccountType.FiatInFlight, fiat.Currency, shard), AccountKey.House(AccountType.FiatPaidOut, fiat.Currency, shard), fiat.Amount),
        ]);
    }

    /// <summary>The network failed the payout: everything that was debited goes back to the wallet, the fiat back to the float.</summary>
    public static LedgerTransaction PayoutRefund(long customerId, string currency, decimal amount, FeeBreakdown fees, FiatLeg fiat, int shard) =>
        LedgerTransaction.Create(PayoutRefundKind, LedgerTransaction.Transfer(
                AccountKey.House(AccountType.PayoutsInFlight, currency, shard), AccountKey.Wallet(customerId, currency), amount + fees.Total)
            .Concat(LedgerTransaction.Transfer(
                AccountKey.House(AccountType.FiatInFlight, fiat.Currency, shard), AccountKey.House(AccountType.NetworkFloat, fiat.Currency, shard), fiat.Amount)));
}
