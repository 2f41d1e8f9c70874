using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Audit;

/// <summary>
/// Walks the chain from the first row to the head: every sequence present once and in order, every row linked to the one
/// before it, every hash what the row's fields give. A changed row fails its own hash; a deleted one leaves a gap (or, the
/// last one, a head pointing past the end); a moved one links to the wrong neighbour.
/// </summary>
public sealed class AuditVerifier(PayoutDbContext db, AuditSeal seal)
{
    private const int BatchSize = 1000;

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        // The head first: rows appended while we read are beyond it and not looked at.
        var head = await db.Set<AuditChainHead>().AsNoTracking().SingleAsync(h => h.Id == AuditChainHead.TheId, cancellationToken);
        var previous = AuditChainHead.Genesis;
        var expected = 1L;
        while (expected <= head.LastSequence)
        {
            var from = expected;
            var batch = await db.Set<AuditEvent>().AsNoTracking()
                .Where(e => e.Sequence >= from && e.Sequence <= head.LastSequence)
                .OrderBy(e => e.Sequence).Take(BatchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                return Broken(expected, "The row is missing (deleted).");
            }

            foreach (var row in batch)
            {
                if (row.Sequence != expected)
                {
                    return Broken(expected, "The row is missing (deleted).");
                }

                if (row.PreviousHash != previous)
                {
                    return Broken(expected, "The row does not follow the row before it (moved, or the one before was changed).");
                }

                if (!string.Equals(SafeHashOf(row), row.Hash, StringComparison.Ordinal))
                {
                    return Broken(expected, "The row's content does not match its hash (changed).");
                }

                previous = row.Hash;
                expected++;
            }
        }

        return previous == head.LastHash
            ? new AuditVerification(true, head.LastSequence)
            : Broken(head.LastSequence, "The chain head does not point at the last row (rows were removed or rewritten).");

        AuditVerification Broken(long sequence, string problem) => new(false, expected - 1, sequence, problem);
    }

    /// <summary>A row naming a key we do not have cannot be ours.</summary>
    private string? SafeHashOf(AuditEvent row)
    {
        try
        {
            return seal.HashOf(row);
        }
        catch (Security.UnknownKeyException)
        {
            return null;
        }
    }
}
