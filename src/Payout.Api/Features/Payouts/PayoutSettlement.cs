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
    /// The dispatcher's final answers for payouts this process just debited and still holds: they are not read again, and each
    /// attempt's network event and outbox entry's release commit with its settlement. Several settle in one transaction: one
    /// round trip and one commit on PostgreSQL, one turn of SQLite's write lock (<see cref="SettlementBatcher"/>).
    /// </summary>
    /// <returns>For each answer, in order: the payout as it now is, or null when it was no longer PENDING (someone else settled
    /// it; nothing was written for it).</returns>
    public async Task<IReadOnlyList<PayoutOperation?>> ApplyDispatchedAsync(IReadOnlyList<DispatchedAnswer> answers, CancellationToken cancellationToken)
    {
        if (answers.Any(a => !a.Answer.IsFinal))
        {
            throw new ArgumentException("Only a final answer settles a payout.", nameof(answers));
        }

        if (answers.Count > 1 && await TryApplyTogetherAsync(answers, cancellationToken) is { } together)
        {
            return together;
        }

        var each = new List<PayoutOperation?>(answers.Count);
        foreach (var (known, answer, networkEvent, attempts) in answers)
        {
            each.Add(await ApplyAsync(known.Payout.Id, answer, known, [networkEvent], attempts, cancellationToken));
        }

        return each;
    }

    /// <summary>
    /// Each payout's conditional move out of PENDING, its events, its attempt and its outbox release first, then all their
    /// ledger transactions, each shared balance row written once for all (<see cref="LedgerWriter.PostManyAsync"/>).
    /// </summary>
    /// <returns>The settled payouts; null when one of them had already left PENDING (a callback or an operator settled it
    /// meanwhile): then nothing was written, and each is settled on its own.</returns>
    private async Task<IReadOnlyList<PayoutOperation?>?> TryApplyTogetherAsync(IReadOnlyList<DispatchedAnswer> answers, CancellationToken cancellationToken)
    {
        var now = PayoutOperation.Stored(clock.GetUtcNow());
        var settled = answers.Select(a => a.Known with { Payout = a.Known.Payout.Finished(StatusOf(a.Answer), ReasonOf(a.Answer), now) }).ToList();
        var statements = new List<SqlStatement>();
        var moves = new List<int>(answers.Count);
        for (var i = 0; i < answers.Count; i++)
        {
            var payout = settled[i].Payout;
            moves.Add(statements.Count);
            statements.Add(PayoutStore.FinishStatement(payout.Id, payout.Status, payout.FailureReason, now));
            statements.AddRange(Alongside(payout, payout.Status, now, answers[i].Attempts, [answers[i].NetworkEvent]));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await ledger.PostManyAsync([.. settled.Select(s => (Movement(s, s.Payout.Status), s.Payout.Id))], statements, cancellationToken);
        if (!moves.All(at => rows[at] == 1))
        {
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        settled.ForEach(s => Entered(s.Payout.Id, s.Payout.Status));
        return [.. settled.Select(s => s.Payout)];
    }

    private async Task<PayoutOperation?> ApplyAsync(
        long operationId, NetworkAnswer answer, SettlingPayout? known, IReadOnlyList<SqlStatement> alongside, int? attempts,
        CancellationToken cancellationToken)
    {
        var status = StatusOf(answer);
        var reason = ReasonOf(answer);
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

        var settling = known is null ? await payouts.GetWithFeesAsync(operationId, cancellationToken) : known with { Payout = known.Payout.Finished(status, reason, now) };
        var payout = settling.Payout;
        // The events and the outbox's change travel with the ledger's first round trip, before it locks the shared balance rows.
        SqlStatement[] statements = [.. Alongside(payout, status, now, attempts, alongside)];
        var posted = await ledger.PostAsync(
            Movement(settling, status), operationId, moveInBatch ? [PayoutStore.FinishStatement(operationId, status, reason, now), .. statements] : statements, cancellationToken);
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

        Entered(operationId, status);
        return payout;
    }

    private static PayoutStatus StatusOf(NetworkAnswer answer) => answer.Outcome == NetworkOutcome.Paid ? PayoutStatus.SUCCESS : PayoutStatus.FAILED;

    private static string? ReasonOf(NetworkAnswer answer) => answer.Outcome == NetworkOutcome.Paid ? null : answer.Detail ?? "DECLINED";

    /// <summary>A settled payout's ledger transaction: the settlement when it succeeded, else the refund.</summary>
    private static LedgerTransaction Movement(SettlingPayout settled, PayoutStatus status)
    {
        var (payout, fees) = settled;
        var fiat = new FiatLeg(payout.CurrencyTo, payout.AmountTo);
        return status == PayoutStatus.SUCCESS
            ? LedgerTransactions.PayoutSettle(payout.CurrencyFrom, payout.AmountFrom, fees, fiat, payout.LedgerShard)
            : LedgerTransactions.PayoutRefund(payout.CustomerId, payout.CurrencyFrom, payout.AmountFrom, fees, fiat, payout.LedgerShard);
    }

    /// <summary>What a settlement writes beside the ledger: the payout's events, its outbox entry marked done, then <paramref name="callers"/>'.</summary>
    private IEnumerable<SqlStatement> Alongside(
        PayoutOperation payout, PayoutStatus status, DateTimeOffset now, int? attempts, IEnumerable<SqlStatement> callers) =>
        [.. Events(payout, status), PayoutOutbox.DoneStatement(payout.Id, now, attempts), .. callers];

    /// <summary>payout.succeeded; or payout.failed then payout.refunded (the refund is part of failing).</summary>
    private IEnumerable<SqlStatement> Events(PayoutOperation payout, PayoutStatus status)
    {
        var succeeded = status == PayoutStatus.SUCCESS;
        var item = HistoryItem.From(payout);
        yield return events.Statement(succeeded ? MerchantEventType.PayoutSucceeded : MerchantEventType.PayoutFailed, payout.CustomerId, payout.Id, item);
        if (!succeeded)
        {
            yield return events.Statement(MerchantEventType.PayoutRefunded, payout.CustomerId, payout.Id, item);
        }
    }

    private void Entered(long operationId, PayoutStatus status)
    {
        logger.LogInformation("Payout {OperationId} is {Status}", operationId, status);
        metrics.PayoutEntered(status);
    }
}
