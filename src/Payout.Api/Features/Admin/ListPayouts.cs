using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Payouts;
using Payout.Api.Features.Payouts;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Admin;

/// <summary><c>GET /admin/v1/payouts</c>: every customer's payouts, newest first, filtered.</summary>
public static class ListPayouts
{
    public const int MaxPageSize = 200;

    public sealed record Page(IReadOnlyList<AdminPayout> Items, int Offset, int Size, int Total);

    /// <param name="currency">Either side of the payout (e.g. USDT or EUR).</param>
    /// <param name="from">First UTC day (YYYY-MM-DD) of the payouts' creation, inclusive.</param>
    /// <param name="to">Last UTC day (YYYY-MM-DD), inclusive.</param>
    [ProducesError(ErrorCode.VALIDATION)]
    public static async Task<Results<Ok<Page>, ApiError>> HandleAsync(
        PayoutDbContext db, CancellationToken cancellationToken, string? status = null, string? currency = null,
        long? customerId = null, string? from = null, string? to = null, int offset = 0, int size = 50)
    {
        if (offset < 0 || size is < 1 or > MaxPageSize)
        {
            return ApiError.Validation(offset < 0 ? "offset" : "size", $"offset must be 0 or more and size 1 to {MaxPageSize}.");
        }

        PayoutStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.GetNames<PayoutStatus>().Contains(status, StringComparer.Ordinal))
            {
                return ApiError.Validation("status", "status must be SUCCESS, PENDING or FAILED.");
            }

            wanted = Enum.Parse<PayoutStatus>(status);
        }

        if (!TryDay(from, out var fromDay) || !TryDay(to, out var toDay))
        {
            return ApiError.Validation(TryDay(from, out _) ? "to" : "from", "from and to must be days in the form YYYY-MM-DD.");
        }

        var query = db.Set<PayoutOperation>().AsNoTracking();
        if (wanted is { } s)
        {
            query = query.Where(p => p.Status == s);
        }

        if (!string.IsNullOrEmpty(currency))
        {
            query = query.Where(p => p.CurrencyFrom == currency || p.CurrencyTo == currency);
        }

        if (customerId is { } customer)
        {
            query = query.Where(p => p.CustomerId == customer);
        }

        if (fromDay is { } first)
        {
            var since = StartOf(first);
            query = query.Where(p => p.CreatedAt >= since);
        }

        if (toDay is { } last)
        {
            var before = StartOf(last.AddDays(1));
            query = query.Where(p => p.CreatedAt < before);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip(offset).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page(items.Select(AdminPayout.From).ToList(), offset, size, total));
    }

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return false;
        }

        day = parsed;
        return true;
    }

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
