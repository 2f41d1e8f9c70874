using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Cards;

/// <summary>The cards table: every query on it, in one place.</summary>
public sealed class CardStore(PayoutDbContext db)
{
    /// <summary>Compiled once: <c>GET /data</c> runs it on every call (see <see cref="ListActiveAsync"/>).</summary>
    private static readonly CompiledPerProvider<Func<PayoutDbContext, long, IAsyncEnumerable<Card>>> ActiveCards = new(() =>
        EF.CompileAsyncQuery<PayoutDbContext, long, Card>((PayoutDbContext db, long customerId) =>
            db.Set<Card>().AsNoTracking().Where(c => c.CustomerId == customerId && c.DeletedAt == null).OrderBy(c => c.Id)));

    /// <summary>Compiled once: every offer asks it (see <see cref="FindActiveAsync"/>); tracked, as a change may follow.</summary>
    private static readonly CompiledPerProvider<Func<PayoutDbContext, long, long, CancellationToken, Task<Card?>>> ActiveCard = new(() =>
        EF.CompileAsyncQuery((PayoutDbContext db, long customerId, long cardId, CancellationToken cancellationToken) =>
            db.Set<Card>().SingleOrDefault(c => c.Id == cardId && c.CustomerId == customerId && c.DeletedAt == null)));

    /// <summary>Compiled once: every offer asks it (see <see cref="FindActiveToQuoteAsync"/>); untracked, as an offer only reads it.</summary>
    private static readonly CompiledPerProvider<Func<PayoutDbContext, long, long, CancellationToken, Task<Card?>>> ActiveCardToQuote = new(() =>
        EF.CompileAsyncQuery((PayoutDbContext db, long customerId, long cardId, CancellationToken cancellationToken) =>
            db.Set<Card>().AsNoTracking().SingleOrDefault(c => c.Id == cardId && c.CustomerId == customerId && c.DeletedAt == null)));

    private DbSet<Card> Cards => db.Set<Card>();

    /// <summary>The customer's own, not deleted card — or null, for someone else's as for a missing one.</summary>
    public Task<Card?> FindActiveAsync(long customerId, long cardId, CancellationToken cancellationToken) =>
        ActiveCard.For(db)(db, customerId, cardId, cancellationToken);

    /// <summary>
    /// As <see cref="FindActiveAsync"/>, not tracked: what an offer reads (no snapshot of the card kept for a change that almost
    /// never follows; the rare one attaches it, see <c>CardVault.RecheckIfPendingAsync</c>).
    /// </summary>
    public Task<Card?> FindActiveToQuoteAsync(long customerId, long cardId, CancellationToken cancellationToken) =>
        ActiveCardToQuote.For(db)(db, customerId, cardId, cancellationToken);

    /// <summary>A card by id, deleted or not (an offer or payout keeps referring to its card), read-only.</summary>
    public Task<Card> GetAsync(long cardId, CancellationToken cancellationToken) =>
        Cards.AsNoTracking().SingleAsync(c => c.Id == cardId, cancellationToken);

    /// <summary>The customer's row for this number (by any of its fingerprints), deleted or not: adding it again restores it.</summary>
    public Task<Card?> FindByFingerprintAsync(long customerId, IReadOnlyCollection<string> fingerprints, CancellationToken cancellationToken) =>
        Cards.SingleOrDefaultAsync(c => c.CustomerId == customerId && fingerprints.Contains(c.Fingerprint), cancellationToken);

    /// <summary>The fingerprint keys the customer's cards were fingerprinted with: one, or two while a rotation runs.</summary>
    public Task<List<string>> FingerprintKeyIdsAsync(long customerId, CancellationToken cancellationToken) =>
        Cards.Where(c => c.CustomerId == customerId).Select(c => c.FingerprintKeyId).Distinct().ToListAsync(cancellationToken);

    /// <summary>Cards fingerprinted with another key than <paramref name="keyId"/>, a batch at a time.</summary>
    public Task<List<Card>> ListFingerprintedUnderOtherKeyAsync(string keyId, int batchSize, CancellationToken cancellationToken) =>
        Cards.Where(c => c.FingerprintKeyId != keyId).OrderBy(c => c.CustomerId).ThenBy(c => c.Id).Take(batchSize).ToListAsync(cancellationToken);

    public Task<int> CountActiveAsync(long customerId, CancellationToken cancellationToken) =>
        Cards.CountAsync(c => c.CustomerId == customerId && c.DeletedAt == null, cancellationToken);

    /// <summary>The customer's list, oldest first, read-only.</summary>
    public async Task<List<Card>> ListActiveAsync(long customerId, CancellationToken cancellationToken)
    {
        var cards = new List<Card>();
        await foreach (var card in ActiveCards.For(db)(db, customerId).WithCancellation(cancellationToken))
        {
            cards.Add(card);
        }

        return cards;
    }

    /// <summary>Cards whose number is encrypted under another key than <paramref name="keyId"/>, a batch at a time.</summary>
    public Task<List<Card>> ListEncryptedUnderOtherKeyAsync(string keyId, int batchSize, CancellationToken cancellationToken) =>
        Cards.Where(c => c.EncryptionKeyId != keyId).OrderBy(c => c.Id).Take(batchSize).ToListAsync(cancellationToken);

    public void Add(Card card) => Cards.Add(card);

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>Forgets what was read, so a long batch job does not track every row it touched.</summary>
    public void ForgetLoaded() => db.ChangeTracker.Clear();
}
