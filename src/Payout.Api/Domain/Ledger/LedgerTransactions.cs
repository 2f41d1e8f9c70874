namespace Payout.Api.Domain.Ledger;

/// <summary>The money movements of PayOut's flows (spec §10), built as balanced transactions.</summary>
public static class LedgerTransactions
{
    public const string DepositKind = "DEPOSIT";
    public const string PayoutDebitKind = "PAYOUT_DEBIT";
    public const string PayoutSettleKind = "PAYOUT_SETTLE";
    public const string PayoutRefundKind = "PAYOUT_REFUND";
    public const string WithdrawalKind = "WITHDRAWAL";

    /// <summary>Money arriving from outside into a customer's wallet.</summary>
    public static LedgerTransaction Deposit(long customerId, string currency, decimal amount) =>
        LedgerTransaction.Create(DepositKind, LedgerTransaction.Transfer(
            AccountKey.House(AccountType.Deposits, currency), AccountKey.Wallet(customerId, currency), amount));

    /// <summary>Money leaving a wallet to the outside (operator withdrawal); the opposite of a deposit.</summary>
    public static LedgerTransaction Withdrawal(long customerId, string currency, decimal amount) =>
        LedgerTransaction.Create(WithdrawalKind, LedgerTransaction.Transfer(
            AccountKey.Wallet(customerId, currency), AccountKey.House(AccountType.Deposits, currency), amount));

    /// <summary>At execute: amount plus fees leave the wallet and wait in "payouts in flight".</summary>
    public static LedgerTransaction PayoutDebit(long customerId, string currency, decimal amount, decimal fees, decimal partnerFee) =>
        LedgerTransaction.Create(PayoutDebitKind, LedgerTransaction.Transfer(
            AccountKey.Wallet(customerId, currency), AccountKey.House(AccountType.PayoutsInFlight, currency), amount + fees + partnerFee));

    /// <summary>The network paid: the amount is settled, our fees and the partner's become revenue.</summary>
    public static LedgerTransaction PayoutSettle(string currency, decimal amount, decimal fees, decimal partnerFee)
    {
        var inFlight = AccountKey.House(AccountType.PayoutsInFlight, currency);
        return LedgerTransaction.Create(PayoutSettleKind,
        [
            new LedgerEntry(inFlight, -(amount + fees + partnerFee)),
            new LedgerEntry(AccountKey.House(AccountType.SettledPayouts, currency), amount),
            new LedgerEntry(AccountKey.House(AccountType.FeeRevenue, currency), fees),
            new LedgerEntry(AccountKey.House(AccountType.PartnerRevenue, currency), partnerFee),
        ]);
    }

    /// <summary>The network failed the payout: everything that was debited goes back to the wallet.</summary>
    public static LedgerTransaction PayoutRefund(long customerId, string currency, decimal totalDebited) =>
        LedgerTransaction.Create(PayoutRefundKind, LedgerTransaction.Transfer(
            AccountKey.House(AccountType.PayoutsInFlight, currency), AccountKey.Wallet(customerId, currency), totalDebited));
}
