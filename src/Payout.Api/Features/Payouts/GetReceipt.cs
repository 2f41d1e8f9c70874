using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Features.Payouts;

/// <summary><c>GET /v4/payout/operations/{operationId}/receipt</c>: the payout's terms as a signed receipt (compact JWS).</summary>
public static class GetReceipt
{
    /// <summary>RFC 7515's media type of the compact serialization.</summary>
    public const string ContentType = "application/jose";

    /// <summary>
    /// A compact JWS (ES256, <c>kid</c> in the header) over the payout's terms, its fee lines and its ledger transactions;
    /// verify it with the keys at <c>/.well-known/jwks.json</c>. Someone else's payout is the same 404 as a missing one.
    /// </summary>
    [ProducesError(ErrorCode.OPERATION_NOT_FOUND)]
    public static async Task<Results<ContentHttpResult, ApiError>> HandleAsync(
        long operationId, CurrentCustomer customer, ReceiptIssuer receipts, CancellationToken cancellationToken) =>
        await receipts.IssueAsync(customer, operationId, cancellationToken) is { } receipt
            ? TypedResults.Text(receipt, ContentType)
            : new ApiError(ErrorCode.OPERATION_NOT_FOUND);
}
