using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Features.Auth;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Offers;

/// <summary><c>PUT /v4/payout/offer/{offerId}</c>: re-quote at the current rate; same offer, same card, new validity.</summary>
public static class UpdateOffer
{
    public sealed record Request(decimal? Amount, string? FromCurrency, string? ToCurrency);

    [ProducesError(ErrorCode.RATE_UNAVAILABLE)]
    public static async Task<Results<Ok<OfferResponse>, ApiError>> HandleAsync(
        long offerId, Request request, CurrentCustomer customer, OfferDesk desk, PayoutDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (from, to, amount, invalid) = desk.CheckInput(request.Amount, request.FromCurrency, request.ToCurrency);
        if (invalid is not null)
        {
            return invalid;
        }

        // Under the customer's lock, so an update and an execute of one offer cannot interleave.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockCustomerAsync(customer.Id, cancellationToken);
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == offerId && o.CustomerId == customer.Id, cancellationToken);
        if (offer is null)
        {
            return OfferErrors.NotFound();
        }

        if (offer.IsExecuted)
        {
            return new ApiError(ErrorCode.OFFER_ALREADY_EXECUTED, "This offer was executed and can no longer change.");
        }

        if (offer.IsExpiredAt(clock.GetUtcNow()))
        {
            return OfferErrors.Expired();
        }

        if (await desk.PriceAsync(offer, from, to, amount, cancellationToken) is { } unpriced)
        {
            return unpriced;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var card = await db.Cards.SingleAsync(c => c.Id == offer.CardId, cancellationToken);
        return TypedResults.Ok(await desk.DescribeAsync(offer, card, customer, cancellationToken));
    }
}

internal static class OfferErrors
{
    public static ApiError NotFound() => new(ErrorCode.OFFER_NOT_FOUND, "No such offer.");

    public static ApiError Expired() => new(ErrorCode.OFFER_EXPIRED, "This offer has expired; create or update an offer for a fresh quote.");
}
