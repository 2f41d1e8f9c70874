using Microsoft.EntityFrameworkCore;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Offers;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// Execute's read of the offer with its card, in one compiled query: one round trip, and no LINQ expression built,
/// parameterised and looked up per execute. Neither is tracked: execute changes the offer with its own statement, and only
/// a slippage band's re-pricing changes it through the context, which attaches it first (<see cref="SlippageRepricer"/>).
/// </summary>
public sealed class ExecutableOffers(PayoutDbContext db)
{
    private static readonly CompiledPerProvider<Func<PayoutDbContext, long, long, CancellationToken, Task<ExecutableOffer?>>> OfferWithCard = new(() =>
        EF.CompileAsyncQuery((PayoutDbContext db, long customerId, long offerId, CancellationToken cancellationToken) =>
            db.Set<Offer>().AsNoTracking()
                .Where(o => o.Id == offerId && o.CustomerId == customerId)
                .Join(db.Set<Card>().AsNoTracking(), o => o.CardId, c => c.Id, (o, c) => new ExecutableOffer(o, c))
                .SingleOrDefault()));

    /// <summary>The customer's own offer with its card — or null, for someone else's as for a missing one.</summary>
    public Task<ExecutableOffer?> FindAsync(long customerId, long offerId, CancellationToken cancellationToken) =>
        OfferWithCard.For(db)(db, customerId, offerId, cancellationToken);
}

/// <summary>An offer as execute reads it, with the card it pays.</summary>
public sealed record ExecutableOffer(Offer Offer, Card Card);
