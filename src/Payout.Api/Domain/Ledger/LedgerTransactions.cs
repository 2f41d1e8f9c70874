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

    /// <summary>Money arriving from outside into a customer's wallet.</summary>
    public static LedgerTransaction Deposit(long customerId, string currency, decimal amount) =>
        LedgerTransaction.Create(DepositKind, LedgerTransaction.Transfer(
            AccountKey.House(AccountType.Deposits, currency), AccountKey.Wallet(customerId, currency), amount));

    /// <summary>Money leaving a wallet to the outside (operator withdrawal); the opposite of a deposit.</summary>
    public static LedgerTransaction Withdrawal(long customerId, string currency, decimal amount) =>
        LedgerTransaction.Create(WithdrawalKind, LedgerTransaction.Transfer(
            AccountKey.Wallet(customerId, currency), AccountKey.House(AccountType.Deposits, currency), amount));

    /// <summary>Fiat we pre-fund at the payout network.</summary>
    public static LedgerTransaction FloatTopUp(string fiat, decimal amount) =>
        LedgerTransaction.Create(FloatTopUpKind, LedgerTransaction.Transfer(
            AccountKey.House(AccountType.Deposits, fiat), AccountKey.House(AccountType.NetworkFloat, fiat), amount));

    /// <summary>
    /// At execute: amount plus fees leave the wallet and wait in "payouts in flight"; the fiat the card will
    /// receive is reserved from the float, so the float can never promise more than it holds.
    /// </summary>
    public static LedgerTransaction PayoutDebit(long customerId, string currency, decimal amount, FeeBreakdown fees, FiatLeg fiat) =>
        LedgerTransaction.Create(PayoutDebitKind, LedgerTransaction.Transfer(
                AccountKey.Wallet(customerId, currency), AccountKey.House(AccountType.PayoutsInFlight, currency), amount + fees.Total)
            .Concat(LedgerTransaction.Transfer(
                AccountKey.House(AccountType.NetworkFloat, fiat.Currency), AccountKey.House(AccountType.FiatInFlight, fiat.Currency), fiat.Amount)));

    /// <summary>The network paid: the amount is settled, our fees and the partner's become revenue, the fiat is paid out.</summary>
    public static LedgerTransaction PayoutSettle(string currency, decimal amount, FeeBreakdown fees, FiatLeg fiat)
    {
        var inFlight = AccountKey.House(AccountType.PayoutsInFlight, currency);
        return LedgerTransaction.Create(PayoutSettleKind,
        [
            new LedgerEntry(inFlight, -(amount + fees.Total)),
            new LedgerEntry(AccountKey.House(AccountType.SettledPayouts, currency), amount),
            new LedgerEntry(AccountKey.House(AccountType.FeeRevenue, currency), fees.HouseShare),
            new LedgerEntry(AccountKey.House(AccountType.PartnerRevenue, currency), fees.PartnerShare),
            .. LedgerTransaction.Transfer(
                AccountKey.House(AccountType.FiatInFlight, fiat.Currency), AccountKey.House(AccountType.FiatPaidOut, fiat.Currency), fiat.Amount),
        ]);
    }

    /// <summary>The network failed the payout: everything that was debited goes back to the wallet, the fiat back to the float.</summary>
    public static LedgerTransaction PayoutRefund(long customerId, string currency, decimal amount, FeeBreakdown fees, FiatLeg fiat) =>
        LedgerTransaction.Create(PayoutRefundKind, LedgerTransaction.Transfer(
                AccountKey.House(AccountType.PayoutsInFlight, currency), AccountKey.Wallet(customerId, currency), amount + fees.Total)
            .Concat(LedgerTransaction.Transfer(
                AccountKey.House(AccountType.FiatInFlight, fiat.Currency), AccountKey.House(AccountType.NetworkFloat, fiat.Currency), fiat.Amount)));
}
