using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Features.Auth;
using Payout.Api.Features.Cards;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Observability;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Offers;

/// <summary><c>POST /v4/payout/offer</c>: a quote with a locked rate (spec §7).</summary>
public static class CreateOffer
{
    public sealed record Request(decimal? Amount, string? FromCurrency, string? ToCurrency, long? CardId);

    [ProducesError(ErrorCode.RATE_UNAVAILABLE)]
    public static async Task<Results<Ok<OfferResponse>, ApiError>> HandleAsync(
        Request request, CurrentCustomer customer, OfferDesk desk, CardVault cards, PayoutDbContext db, TimeProvider clock,
        PayoutMetrics metrics, CancellationToken cancellationToken)
    {
        var (from, to, amount, invalid) = desk.CheckInput(request.Amount, request.FromCurrency, request.ToCurrency);
        if (invalid is not null)
        {
            return invalid;
        }

        if (request.CardId is not { } cardId)
        {
            return ApiError.Validation("cardId", "cardId is required.");
        }

        var card = await cards.FindActiveAsync(customer.Id, cardId, cancellationToken);
        if (card is null)
        {
            return CardErrors.NotFound();
        }

        await cards.RecheckIfPendingAsync(card, cancellationToken);

        var offer = new Offer { CustomerId = customer.Id, CardId = card.Id, CurrencyFrom = from.Code, CurrencyTo = to.Code, CreatedAt = clock.GetUtcNow() };
        if (await desk.PriceAsync(offer, from, to, amount, cancellationToken) is { } unpriced)
        {
            return unpriced;
        }

        db.Offers.Add(offer);
        await db.SaveChangesAsync(cancellationToken);
        metrics.OfferCreated();
        return TypedResults.Ok(await desk.DescribeAsync(offer, card, customer, cancellationToken));
    }
}
