using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Payouts;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Features.Payouts;

/// <summary><c>GET /v4/payout/history</c> and <c>GET /v4/payout/operations/{operationId}</c>: the caller's own payouts only.</summary>
public static class History
{
    public const int MaxPageSize = 100;

    public sealed record Page(IReadOnlyList<HistoryItem> Items, int Offset, int Size, int Total);

    [ProducesError(ErrorCode.VALIDATION)]
    public static async Task<Results<Ok<Page>, ApiError>> ListAsync(
        CurrentCustomer customer, PayoutStore payouts, CancellationToken cancellationToken,
        int offset = 0, int size = 50, string? status = null, string? currency = null)
    {
        if (offset < 0)
        {
            return ApiError.Validation("offset", "offset must be 0 or more.");
        }

        if (size is < 1 or > MaxPageSize)
        {
            return ApiError.Validation("size", $"size must be 1 to {MaxPageSize}.");
        }

        PayoutStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<PayoutStatus>(status, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return ApiError.Validation("status", "status must be SUCCESS, PENDING or FAILED.");
            }

            wanted = parsed;
        }

        var (items, total) = await payouts.PageAsync(customer.Id, wanted, currency, offset, size, cancellationToken);
        return TypedResults.Ok(new Page(items.Select(HistoryItem.From).ToList(), offset, size, total));
    }

    [ProducesError(ErrorCode.OPERATION_NOT_FOUND)]
    public static async Task<Results<Ok<HistoryItem>, ApiError>> GetAsync(
        long operationId, CurrentCustomer customer, PayoutStore payouts, CancellationToken cancellationToken)
    {
        var payout = await payouts.FindAsync(customer.Id, operationId, cancellationToken);
        return payout is null ? new ApiError(ErrorCode.OPERATION_NOT_FOUND) : TypedResults.Ok(HistoryItem.From(payout));
    }
}
