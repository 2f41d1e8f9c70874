using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Features.Offers;

/// <summary><c>PUT /v4/payout/offer/{offerId}</c>: re-quote at the current rate; same offer, same card, new validity.</summary>
public static class UpdateOffer
{
    /// <param name="MaxSlippage">A new slippage band (0 to 0.02); left out, the offer keeps its own.</param>
    public sealed record Request(
        decimal? Amount, string? FromCurrency, string? ToCurrency, [property: Range(0.0, 0.02)] decimal? MaxSlippage = null);

    [ProducesError(ErrorCode.VALIDATION, ErrorCode.PAIR_NOT_SUPPORTED, ErrorCode.OFFER_NOT_FOUND, ErrorCode.OFFER_ALREADY_EXECUTED,
        ErrorCode.OFFER_EXPIRED, ErrorCode.RATE_UNAVAILABLE)]
    public static async Task<Results<Ok<OfferResponse>, ApiError>> HandleAsync(
        long offerId, Request request, CurrentCustomer customer, OfferDesk desk, CancellationToken cancellationToken)
    {
        var offer = await desk.UpdateAsync(customer, offerId, request.Amount, request.FromCurrency, request.ToCurrency, request.MaxSlippage, cancellationToken);
        return offer.IsSuccess ? TypedResults.Ok(offer.Value) : new ApiError(offer.Failure);
    }
}
