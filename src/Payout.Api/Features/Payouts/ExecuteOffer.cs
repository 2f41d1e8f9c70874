using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Features.Payouts;

/// <summary><c>POST /v4/payout/pay/{offerId}</c>: execute an offer exactly once (spec §8).</summary>
public static class ExecuteOffer
{
    /// <summary>The codes are <see cref="PayoutDesk.Errors"/>: an unknown offer, then the checks of spec §8 in order.</summary>
    [ProducesError(ErrorCode.OFFER_NOT_FOUND, ErrorCode.KYC_LEVEL_TOO_LOW, ErrorCode.OFFER_EXPIRED, ErrorCode.CARD_NOT_APPROVED,
        ErrorCode.CARD_EXPIRED, ErrorCode.BILLING_ADDRESS_REQUIRED, ErrorCode.AMOUNT_BELOW_MINIMUM, ErrorCode.AMOUNT_ABOVE_MAXIMUM,
        ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.LIMIT_EXCEEDED, ErrorCode.NETWORK_FLOAT_LOW)]
    public static async Task<Results<Ok<PayoutResponse>, ApiError>> HandleAsync(
        long offerId, CurrentCustomer customer, PayoutDesk desk, CancellationToken cancellationToken)
    {
        var payout = await desk.ExecuteAsync(offerId, customer, cancellationToken);
        return payout.IsSuccess ? TypedResults.Ok(PayoutResponse.From(payout.Value)) : new ApiError(payout.Failure);
    }
}
