using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Infrastructure.Events;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Events;

/// <summary>
/// Numbers committed events, in one short transaction per batch: lock the sequencer's row, give the next numbers to the
/// committed events that have none (oldest insert first), move the row on, and queue a webhook delivery for each event of
/// a merchant with a webhook. An event still in flight is not visible yet, so it is not skipped: it gets a later number
/// when it commits. Readers see only numbered events, so nobody who read up to N ever meets a new event below N.
/// Execute and settlement never touch the sequencer's row: the hot path only inserts (docs/decisions.md).
/// </summary>
public sealed class EventSequencer(PayoutDbContext db, IOptions<EventsOptions> options, TimeProvider clock)
{
    /// <summary>{0} the last sequence given, {1} the batch size. One statement on both databases.</summary>
    private const string NumberSql = """
        UPDATE merchant_events SET sequence = {0} + numbered.n
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM merchant_events WHERE sequence IS NULL ORDER BY id LIMIT {1}) AS numbered
        WHERE merchant_events.id = numbered.id
        """;

    private const string LastSql = """SELECT last_sequence AS "Value" FROM merchant_event_sequencer WHERE id = 1""";

    private readonly EventsOptions settings = options.Value;

    /// <summary>Numbers every committed event that has no number yet; answers how many.</summary>
    public async Task<int> NumberAllAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int numbered;
        do
        {
            numbered = await NumberBatchAsync(cancellationToken);
            total += numbered;
        }
        while (numbered == settings.SequencerBatchSize);

        return total;
    }

    private async Task<int> NumberBatchAsync(CancellationToken cancellationToken)
    {
        var events = db.Set<MerchantEvent>();
        if (!await events.AnyAsync(e => e.Sequence == null, cancellationToken))
        {
            return 0;
        }

        // SQLite: the transaction holds the database's write lock from its first statement. PostgreSQL: the row lock below.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lockSql = db.Provider == DatabaseProvider.Postgres ? LastSql + " FOR UPDATE" : LastSql;
        var last = (await db.Database.SqlQueryRaw<long>(lockSql).ToListAsync(cancellationToken)).Single();
        // A new statement after the lock: under READ COMMITTED it sees what the previous holder committed.
        var numbered = await db.Database.ExecuteSqlRawAsync(NumberSql, [last, settings.SequencerBatchSize], cancellationToken);
        if (numbered == 0)
        {
            return 0;
        }

        var upTo = last + numbered;
        await db.Set<EventSequencerState>().Where(s => s.Id == EventSequencerState.SingleRowId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSequence, upTo), cancellationToken);
        await QueueWebhooksAsync(last, upTo, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return numbered;
    }

    /// <summary>A delivery per event (after, upTo] of a merchant with a webhook, due now, keyed for order per object.</summary>
    private async Task QueueWebhooksAsync(long after, long upTo, CancellationToken cancellationToken)
    {
        var merchants = settings.WithWebhooks.Select(m => m.Id).ToHashSet();
        if (merchants.Count == 0)
        {
            return;
        }

        var numbered = await db.Set<MerchantEvent>().AsNoTracking()
            .Where(e => e.Sequence > after && e.Sequence <= upTo)
            .Select(e => new { Sequence = e.Sequence!.Value, e.MerchantId, e.ObjectType, e.ObjectId })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        db.Set<WebhookDelivery>().AddRange(numbered.Where(e => merchants.Contains(e.MerchantId)).Select(e => new WebhookDelivery
        {
            Sequence = e.Sequence,
            MerchantId = e.MerchantId,
            OrderingKey = WebhookDelivery.OrderingKeyOf(e.ObjectType, e.ObjectId),
            State = WebhookDeliveryState.Pending,
            DueAt = now,
            CreatedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
