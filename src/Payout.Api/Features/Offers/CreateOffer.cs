using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Features.Offers;

/// <summary><c>POST /v4/payout/offer</c>: a quote with a locked rate (spec §7).</summary>
public static class CreateOffer
{
    /// <param name="MaxSlippage">The slippage band, a fraction of the rate from 0 (none, the default) to 0.02: the offer still
    /// executes after it expired while the rate stays within it, never at a worse rate than quoted.</param>
    public sealed record Request(
        decimal? Amount, string? FromCurrency, string? ToCurrency, long? CardId,
        [property: Range(0.0, 0.02)] decimal? MaxSlippage = null);

    [ProducesError(ErrorCode.VALIDATION, ErrorCode.PAIR_NOT_SUPPORTED, ErrorCode.CARD_NOT_FOUND, ErrorCode.RATE_UNAVAILABLE)]
    public static async Task<Results<Ok<OfferResponse>, ApiError>> HandleAsync(
        Request request, CurrentCustomer customer, OfferDesk desk, CancellationToken cancellationToken)
    {
        var offer = await desk.CreateAsync(customer, request.Amount, request.FromCurrency, request.ToCurrency, request.CardId, request.MaxSlippage, cancellationToken);
        return offer.IsSuccess ? TypedResults.Ok(offer.Value) : new ApiError(offer.Failure);
    }
}
