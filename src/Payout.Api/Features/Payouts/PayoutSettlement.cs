using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Ledger;
using Payout.Api.Features.Ledger;
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
    PayoutDbContext db, LedgerWriter ledger, TimeProvider clock, PayoutMetrics metrics, ILogger<PayoutSettlement> logger)
{
    public async Task ApplyAsync(long operationId, NetworkAnswer answer, CancellationToken cancellationToken)
    {
        if (answer.Outcome == NetworkOutcome.Pending)
        {
            return;
        }

        var succeeded = answer.Outcome == NetworkOutcome.Paid;
        var status = succeeded ? PayoutStatus.SUCCESS : PayoutStatus.FAILED;
        var reason = succeeded ? null : answer.Detail ?? "DECLINED";
        var now = clock.GetUtcNow();

        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var moved = await db.PayoutOperations
            .Where(p => p.Id == operationId && p.Status == PayoutStatus.PENDING)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.Status, status)
                .SetProperty(p => p.FailureReason, reason)
                .SetProperty(p => p.UpdatedAt, now), cancellationToken);
        if (moved == 0)
        {
            return;
        }

        var payout = await db.PayoutOperations.AsNoTracking().SingleAsync(p => p.Id == operationId, cancellationToken);
        var fiat = new FiatLeg(payout.CurrencyTo, payout.AmountTo);
        var movement = succeeded
            ? LedgerTransactions.PayoutSettle(payout.CurrencyFrom, payout.AmountFrom, payout.Fee - payout.PartnerFee, payout.PartnerFee, fiat, payout.LedgerShard)
            : LedgerTransactions.PayoutRefund(payout.CustomerId, payout.CurrencyFrom, payout.TotalDebited, fiat, payout.LedgerShard);
        var posted = await ledger.PostAsync(movement, cancellationToken);
        if (posted.Outcome != PostingOutcome.Posted)
        {
            throw new InvalidOperationException($"Settling payout {operationId} could not be posted: {posted.Outcome}.");
        }

        // The payout is final: its outbox entry has nothing left to do.
        await db.PayoutOutbox.Where(e => e.OperationId == operationId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, DispatchState.Done).SetProperty(e => e.UpdatedAt, now), cancellationToken);
        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }

        logger.LogInformation("Payout {OperationId} is {Status}", operationId, status);
        metrics.PayoutEntered(status);
    }
}
