using Payout.Api.Domain.Ledger;

namespace Payout.Api.Domain.Reports;

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
