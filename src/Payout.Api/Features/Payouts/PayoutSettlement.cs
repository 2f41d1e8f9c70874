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
/// </summary>
public sealed class PayoutSettlement(PayoutDbContext db, LedgerWriter ledger, TimeProvider clock, PayoutMetrics metrics)
{
    public async Task ApplyAsync(long operationId, NetworkAnswer answer, CancellationToken cancellationToken)
    {
        if (answer.Outcome == NetworkOutcome.Pending)
        {
            return;
        }

        var succeeded = answer.Outcome == NetworkOutcome.Paid;
        var status = succeeded ? PayoutStatus.SUCCESS : PayoutStatus.FAILED;
        var reason = succeeded ? null : answer.DeclineReason ?? "DECLINED";
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
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
        var movement = succeeded
            ? LedgerTransactions.PayoutSettle(payout.CurrencyFrom, payout.AmountFrom, payout.Fee - payout.PartnerFee, payout.PartnerFee)
            : LedgerTransactions.PayoutRefund(payout.CustomerId, payout.CurrencyFrom, payout.TotalDebited);
        var (outcome, _) = await ledger.PostAsync(movement, cancellationToken);
        if (outcome != PostingOutcome.Posted)
        {
            throw new InvalidOperationException($"Settling payout {operationId} could not be posted: {outcome}.");
        }

        await transaction.CommitAsync(cancellationToken);
        metrics.PayoutEntered(status);
    }
}
