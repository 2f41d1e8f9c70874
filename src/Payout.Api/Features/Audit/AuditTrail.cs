using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Audit;

/// <summary>
/// Appends to the audit trail, in the caller's transaction when it has one — so a change and its audit row commit
/// together or not at all — else in a transaction of its own. Call it last, after saving the change: the chain head is
/// locked from here to the commit, and taking it last means a transaction that holds it waits for nothing else.
/// Only the places that write security and money events by people call this; payouts and settlements never do.
/// </summary>
public sealed class AuditTrail(PayoutDbContext db, AuditSeal seal, AuditActor scopeActor, TimeProvider clock)
{
    private const int MaxValueLength = 200;

    private static readonly JsonSerializerOptions DetailsJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.HasChanges())
        {
            throw new InvalidOperationException("Save the audited change before appending its audit row: the row is written last in the transaction.");
        }

        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var head = await LockHeadAsync(cancellationToken);
        var row = new AuditEvent
        {
            Sequence = head.LastSequence + 1,
            OccurredAt = AuditSeal.ToStoredPrecision(clock.GetUtcNow()),
            Type = entry.Type,
            Actor = Bounded(entry.Actor ?? scopeActor.Name, AuditEvent.MaxActorLength),
            CustomerId = entry.CustomerId,
            Subject = entry.Subject is null ? null : Bounded(entry.Subject, AuditEvent.MaxSubjectLength),
            Details = DetailsOf(entry),
            KeyId = seal.CurrentKeyId,
            PreviousHash = head.LastHash,
            Hash = "",
        };
        row.Hash = seal.HashOf(row);
        head.LastSequence = row.Sequence;
        head.LastHash = row.Hash;
        db.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        // The caller's later saves must not see these again.
        db.Entry(row).State = EntityState.Detached;
        db.Entry(head).State = EntityState.Detached;
        if (owned is not null)
        {
            await owned.CommitAsync(cancellationToken);
        }
    }

    /// <summary>PostgreSQL: a row lock held to the commit. SQLite: the transaction already holds the single write lock.</summary>
    private async Task<AuditChainHead> LockHeadAsync(CancellationToken cancellationToken)
    {
        var heads = db.Provider == DatabaseProvider.Postgres
            ? db.Set<AuditChainHead>().FromSql($"SELECT * FROM audit_chain_head WHERE id = {AuditChainHead.TheId} FOR UPDATE")
            : db.Set<AuditChainHead>().Where(h => h.Id == AuditChainHead.TheId);
        // ToList, not Single: composing over FOR UPDATE would wrap it in a subquery.
        var found = await heads.ToListAsync(cancellationToken);
        return found is [var head] ? head : throw new InvalidOperationException("The audit chain head row is missing: the migrations create it.");
    }

    /// <summary>
    /// Sorted keys, so the same facts always give the same text. Values are ours (ids, amounts, codes) but some come from a
    /// request (a reference, a route value): each is cut to a bound, so a row stays a row.
    /// </summary>
    private static string DetailsOf(AuditEntry entry)
    {
        foreach (var valueLength in (int[])[MaxValueLength, MaxValueLength / 10])
        {
            var sorted = new SortedDictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (key, value) in entry.Details)
            {
                sorted[key] = value is null ? null : Bounded(value, valueLength);
            }

            var json = JsonSerializer.Serialize(sorted, DetailsJson);
            if (json.Length <= AuditEvent.MaxDetailsLength)
            {
                return json;
            }
        }

        throw new InvalidOperationException($"Audit details of {entry.Type} have too many facts for one row.");
    }

    private static string Bounded(string text, int length) => text.Length <= length ? text : text[..length];
}
