using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Offers;

/// <summary>The offers table: every query on it, in one place.</summary>
public sealed class OfferStore(PayoutDbContext db)
{
    /// <summary>The customer's own offer, tracked for a change — or null, for someone else's as for a missing one.</summary>
    public Task<Offer?> FindAsync(long customerId, long offerId, CancellationToken cancellationToken) =>
        db.Set<Offer>().SingleOrDefaultAsync(o => o.Id == offerId && o.CustomerId == customerId, cancellationToken);

    public void Add(Offer offer) => db.Set<Offer>().Add(offer);

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
