using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Ledger;
using Payout.Api.Features.Ledger;
using Payout.Api.Features.Offers;
using Payout.Api.Features.Payouts;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Admin;

/// <summary>
/// <c>GET /admin/v1/payouts/{operationId}</c>: one payout and everything that happened to it, in order — the quote,
/// the debit, each request to the network and its answer, callbacks, operators' actions, the settlement or refund —
/// with the ledger postings of each money movement.
/// </summary>
public static class PayoutTimeline
{
    public sealed record Posting(string Account, string AccountType, long? CustomerId, string Currency, decimal Amount);

    /// <param name="Kind">QUOTED, DEBITED, SENT, STATUS_ASKED, CALLBACK_RECEIVED, OPERATOR_ASKED_AGAIN,
    /// OPERATOR_FAIL_REQUESTED, SETTLED or REFUNDED.</param>
    /// <param name="Outcome">The network's answer, for entries that asked it.</param>
    public sealed record Entry(
        DateTimeOffset At, string Kind, string? Outcome, string? Detail, string? Actor, long? LedgerTransactionId, IReadOnlyList<Posting> Postings);

    public sealed record Dispatch(string State, int Attempts, DateTimeOffset DueAt, string? LastError);

    public sealed record Response(AdminPayout Payout, Dispatch? Dispatch, IReadOnlyList<Entry> Timeline);

    [ProducesError(ErrorCode.OPERATION_NOT_FOUND)]
    public static async Task<Results<Ok<Response>, ApiError>> HandleAsync(long operationId, PayoutDbContext db, CancellationToken cancellationToken)
    {
        var payout = await db.Set<PayoutOperation>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == operationId, cancellationToken);
        if (payout is null)
        {
            return new ApiError(ErrorCode.OPERATION_NOT_FOUND, "No such payout.");
        }

        var offer = await db.Set<Offer>().AsNoTracking().SingleAsync(o => o.Id == payout.OfferId, cancellationToken);
        var outbox = await db.Set<PayoutOutboxEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.OperationId == operationId, cancellationToken);
        var timeline = new List<Entry>
        {
            new(offer.CreatedAt, "QUOTED", null, string.Create(CultureInfo.InvariantCulture, $"offer {offer.Id}, valid until {offer.ExpiresAt:O}"), null, null, []),
        };
        timeline.AddRange(await LedgerEntriesAsync(db, operationId, cancellationToken));
        timeline.AddRange(await NetworkEntriesAsync(db, operationId, cancellationToken));
        // Entries of the same instant (one clock tick, or a frozen test clock) keep the order things happen in.
        var ordered = timeline.Select((entry, index) => (entry, index))
            .OrderBy(x => x.entry.At).ThenBy(x => RankOf(x.entry.Kind)).ThenBy(x => x.index).Select(x => x.entry).ToList();
        var dispatch = outbox is null ? null : new Dispatch(outbox.State.ToString(), outbox.Attempts, outbox.DueAt, outbox.LastError);
        return TypedResults.Ok(new Response(AdminPayout.From(payout), dispatch, ordered));
    }

    private static async Task<IEnumerable<Entry>> LedgerEntriesAsync(PayoutDbContext db, long operationId, CancellationToken cancellationToken)
    {
        var transactions = await db.Set<LedgerTransactionRecord>().AsNoTracking()
            .Where(t => t.PayoutOperationId == operationId)
            .OrderBy(t => t.Id)
            .ToListAsync(cancellationToken);
        var ids = transactions.Select(t => t.Id).ToList();
        var postings = await db.Set<LedgerPosting>().AsNoTracking()
            .Where(p => ids.Contains(p.TransactionId))
            .Join(db.Set<LedgerAccount>(), p => p.AccountId, a => a.Id, (p, a) => new { p.TransactionId, p.Id, a.Code, a.Type, a.CustomerId, p.Currency, p.Amount })
            .ToListAsync(cancellationToken);
        return transactions.Select(t => new Entry(
            t.CreatedAt,
            KindOf(t.Kind),
            null,
            null,
            null,
            t.Id,
            postings.Where(p => p.TransactionId == t.Id).OrderBy(p => p.Id)
                .Select(p => new Posting(p.Code, p.Type.ToString(), p.CustomerId, p.Currency, p.Amount)).ToList()));
    }

    private static async Task<IEnumerable<Entry>> NetworkEntriesAsync(PayoutDbContext db, long operationId, CancellationToken cancellationToken)
    {
        var events = await db.Set<PayoutNetworkEvent>().AsNoTracking()
            .Where(e => e.OperationId == operationId)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken);
        return events.Select(e => new Entry(e.CreatedAt, KindOf(e.Kind), e.Outcome?.ToString(), e.Detail, e.Actor, null, []));
    }

    /// <summary>The quote, then the debit, then the network's story, then the settlement or refund it led to.</summary>
    private static int RankOf(string kind) => kind switch
    {
        "QUOTED" => 0,
        "DEBITED" => 1,
        "SETTLED" or "REFUNDED" => 3,
        _ => 2,
    };

    private static string KindOf(string ledgerKind) => ledgerKind switch
    {
        LedgerTransactions.PayoutDebitKind => "DEBITED",
        LedgerTransactions.PayoutSettleKind => "SETTLED",
        LedgerTransactions.PayoutRefundKind => "REFUNDED",
        _ => ledgerKind,
    };

    private static string KindOf(NetworkEventKind kind) => kind switch
    {
        NetworkEventKind.Sent => "SENT",
        NetworkEventKind.StatusAsked => "STATUS_ASKED",
        NetworkEventKind.CallbackReceived => "CALLBACK_RECEIVED",
        NetworkEventKind.OperatorAskedAgain => "OPERATOR_ASKED_AGAIN",
        NetworkEventKind.OperatorFailRequested => "OPERATOR_FAIL_REQUESTED",
    };
}
