using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Features.Auth;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>One payout as the history shows it (spec §13).</summary>
public sealed record HistoryItem(
    long OperationId, long OfferId, string Status, decimal AmountFrom, string CurrencyFrom, decimal AmountTo, string CurrencyTo,
    decimal Rate, decimal Fee, decimal TotalDebited, string MaskedPan, string? FailureReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static HistoryItem From(PayoutOperation p) => new(
        p.Id, p.OfferId, p.Status.ToString(), p.AmountFrom, p.CurrencyFrom, p.AmountTo, p.CurrencyTo,
        p.Rate, p.Fee, p.TotalDebited, p.MaskedPan, p.Status == PayoutStatus.FAILED ? p.FailureReason : null, p.CreatedAt, p.UpdatedAt);
}

/// <summary><c>GET /v4/payout/history</c> and <c>GET /v4/payout/operations/{operationId}</c>: the caller's own payouts only.</summary>
public static class History
{
    public const int MaxPageSize = 100;

    public sealed record Page(IReadOnlyList<HistoryItem> Items, int Offset, int Size, int Total);

    public static async Task<Results<Ok<Page>, ApiError>> ListAsync(
        CurrentCustomer customer, PayoutDbContext db, CancellationToken cancellationToken,
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

        var query = db.PayoutOperations.AsNoTracking().Where(p => p.CustomerId == customer.Id);
        if (wanted is { } s)
        {
            query = query.Where(p => p.Status == s);
        }

        if (!string.IsNullOrEmpty(currency))
        {
            query = query.Where(p => p.CurrencyFrom == currency || p.CurrencyTo == currency);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip(offset).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page(items.Select(HistoryItem.From).ToList(), offset, size, total));
    }

    public static async Task<Results<Ok<HistoryItem>, ApiError>> GetAsync(
        long operationId, CurrentCustomer customer, PayoutDbContext db, CancellationToken cancellationToken)
    {
        var payout = await db.PayoutOperations.AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == operationId && p.CustomerId == customer.Id, cancellationToken);
        return payout is null
            ? new ApiError(ErrorCode.OPERATION_NOT_FOUND, "No such operation.")
            : TypedResults.Ok(HistoryItem.From(payout));
    }
}
