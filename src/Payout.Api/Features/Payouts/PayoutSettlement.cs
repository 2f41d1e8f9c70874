using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Payouts;
using Payout.Api.Features.Ledger;
using Payout.Api.Infrastructure.Events;
using Payout.Api.Infrastructure.Observability;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// Applies the network's final answer to a payout, exactly once: the status moves out of PENDING with a
/// conditional update, and only the request that moved it writes the ledger — in the same transaction.
/// A terminal payout never moves again, so a late or repeated answer changes nothing.
/// It joins the caller's transaction when there is one (a callback commits its receipt with the change).
/// </summary>
public sealed class PayoutSettlement(
    PayoutDbContext db, PayoutStore payouts, PayoutOutbox outbox, LedgerWriter ledger, MerchantEvents events, TimeProvider clock,
    PayoutMetrics metrics, ILogger<PayoutSettlement> logger)
{
    /// <returns>True when this call moved the payout out of PENDING (and wrote its settlement or refund).</returns>
    public async Task<bool> ApplyAsync(long operationId, NetworkAnswer answer, CancellationToken cancellationToken)
    {
        if (answer.Outcome == NetworkOutcome.Pending)
        {
            return false;
        }

        var succeeded = answer.Outcome == NetworkOutcome.Paid;
        var status = succeeded ? PayoutStatus.SUCCESS : PayoutStatus.FAILED;
        var reason = succeeded ? null : answer.Detail ?? "DECLINED";
        var now = clock.GetUtcNow();

        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (!await payouts.FinishAsync(operationId, status, reason, now, cancellationToken))
        {
            return false;
        }

        var (payout, fees) = await payouts.GetWithFeesAsync(operationId, cancellationToken);
        // Before the ledger locks the shared balance rows, so the inserts add nothing to how long they are held.
        await AppendEventsAsync(payout, succeeded, cancellationToken);
        var fiat = new FiatLeg(payout.CurrencyTo, payout.AmountTo);
        var movement = succeeded
            ? LedgerTransactions.PayoutSettle(payout.CurrencyFrom, payout.AmountFrom, fees, fiat, payout.LedgerShard)
            : LedgerTransactions.PayoutRefund(payout.CustomerId, payout.CurrencyFrom, payout.AmountFrom, fees, fiat, payout.LedgerShard);
        var posted = await ledger.PostAsync(movement, operationId, cancellationToken);
        if (posted.Outcome != PostingOutcome.Posted)
        {
            throw new InvalidOperationException($"Settling payout {operationId} could not be posted: {posted.Outcome}.");
        }

        await outbox.MarkDoneAsync(operationId, now, cancellationToken);
        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Payout {OperationId} is {Status}", operationId, status);
        metrics.PayoutEntered(status);
        return true;
    }

    /// <summary>payout.succeeded; or payout.failed then payout.refunded (the refund is part of failing).</summary>
    private async Task AppendEventsAsync(PayoutOperation payout, bool succeeded, CancellationToken cancellationToken)
    {
        var item = HistoryItem.From(payout);
        await events.AppendAsync(succeeded ? MerchantEventType.PayoutSucceeded : MerchantEventType.PayoutFailed, payout.CustomerId, payout.Id, item, cancellationToken);
        if (!succeeded)
        {
            await events.AppendAsync(MerchantEventType.PayoutRefunded, payout.CustomerId, payout.Id, item, cancellationToken);
        }
    }
}
