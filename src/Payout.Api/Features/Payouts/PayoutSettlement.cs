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
    PayoutDbContext db, PayoutStore payouts, LedgerWriter ledger, MerchantEvents events, TimeProvider clock,
    PayoutMetrics metrics, ILogger<PayoutSettlement> logger)
{
    /// <returns>True when this call moved the payout out of PENDING (and wrote its settlement or refund).</returns>
    public async Task<bool> ApplyAsync(long operationId, NetworkAnswer answer, CancellationToken cancellationToken) =>
        answer.Outcome != NetworkOutcome.Pending && await ApplyAsync(operationId, answer, known: null, [], attempts: null, cancellationToken) is not null;

    /// <summary>
    /// The dispatcher's final answer for a payout this process just debited and still holds: it is not read again, and the
    /// attempt's network event and the outbox entry's release commit with the settlement.
    /// </summary>
    /// <returns>The payout as it now is, or null when it was no longer PENDING (someone else settled it; nothing was written).</returns>
    public Task<PayoutOperation?> ApplyDispatchedAsync(
        SettlingPayout known, NetworkAnswer answer, SqlStatement networkEvent, int attempts, CancellationToken cancellationToken) =>
        answer.IsFinal
            ? ApplyAsync(known.Payout.Id, answer, known, [networkEvent], attempts, cancellationToken)
            : throw new ArgumentException("Only a final answer settles a payout.", nameof(answer));

    private async Task<PayoutOperation?> ApplyAsync(
        long operationId, NetworkAnswer answer, SettlingPayout? known, IReadOnlyList<SqlStatement> alongside, int? attempts,
        CancellationToken cancellationToken)
    {
        var succeeded = answer.Outcome == NetworkOutcome.Paid;
        var status = succeeded ? PayoutStatus.SUCCESS : PayoutStatus.FAILED;
        var reason = succeeded ? null : answer.Detail ?? "DECLINED";
        var now = PayoutOperation.Stored(clock.GetUtcNow());

        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        // A payout we hold, in a transaction of our own: the status's conditional move travels in the ledger's batch, first,
        // and when it moved nothing (someone settled it meanwhile) the whole transaction is rolled back. Otherwise it is
        // decided before anything else is written.
        var moveInBatch = known is not null && owned is not null;
        if (!moveInBatch && !await payouts.FinishAsync(operationId, status, reason, now, cancellationToken))
        {
            return null;
        }

        var (payout, fees) = known is null ? await payouts.GetWithFeesAsync(operationId, cancellationToken) : known with { Payout = known.Payout.Finished(status, reason, now) };
        var fiat = new FiatLeg(payout.CurrencyTo, payout.AmountTo);
        var movement = succeeded
            ? LedgerTransactions.PayoutSettle(payout.CurrencyFrom, payout.AmountFrom, fees, fiat, payout.LedgerShard)
            : LedgerTransactions.PayoutRefund(payout.CustomerId, payout.CurrencyFrom, payout.AmountFrom, fees, fiat, payout.LedgerShard);
        // The events and the outbox's change travel with the ledger's first round trip, before it locks the shared balance rows.
        SqlStatement[] statements = [.. Events(payout, succeeded), PayoutOutbox.DoneStatement(operationId, now, attempts), .. alongside];
        var posted = await ledger.PostAsync(
            movement, operationId, moveInBatch ? [PayoutStore.FinishStatement(operationId, status, reason, now), .. statements] : statements, cancellationToken);
        if (posted.Outcome != PostingOutcome.Posted)
        {
            throw new InvalidOperationException($"Settling payout {operationId} could not be posted: {posted.Outcome}.");
        }

        if (moveInBatch && posted.AlongsideRows is not [1, ..])
        {
            return null;
        }

        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Payout {OperationId} is {Status}", operationId, status);
        metrics.PayoutEntered(status);
        return payout;
    }

    /// <summary>payout.succeeded; or payout.failed then payout.refunded (the refund is part of failing).</summary>
    private IEnumerable<SqlStatement> Events(PayoutOperation payout, bool succeeded)
    {
        var item = HistoryItem.From(payout);
        yield return events.Statement(succeeded ? MerchantEventType.PayoutSucceeded : MerchantEventType.PayoutFailed, payout.CustomerId, payout.Id, item);
        if (!succeeded)
        {
            yield return events.Statement(MerchantEventType.PayoutRefunded, payout.CustomerId, payout.Id, item);
        }
    }
}
