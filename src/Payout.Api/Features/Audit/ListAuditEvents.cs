using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Audit;

/// <summary><c>GET /admin/v1/audit</c>: the audit trail, oldest first, filtered, a page at a time.</summary>
public static class ListAuditEvents
{
    public const int MaxPageSize = 500;

    public sealed record Item(
        long Sequence, DateTimeOffset At, string Type, string Actor, long? CustomerId, string? Subject,
        IReadOnlyDictionary<string, string?> Details, string KeyId, string PreviousHash, string Hash);

    /// <param name="Next">The <c>after</c> of the next page, or null on the last one.</param>
    public sealed record Page(IReadOnlyList<Item> Items, long? Next);

    /// <param name="from">From this instant (ISO 8601, e.g. <c>2026-12-01T09:00:00Z</c>) or UTC day (<c>2026-12-01</c>), inclusive.</param>
    /// <param name="to">Up to this instant, exclusive, or to the end of this UTC day.</param>
    /// <param name="type">One event type, e.g. <c>SIGN_IN_FAILED</c>.</param>
    /// <param name="after">Only rows after this sequence: the previous page's <c>next</c>.</param>
    [ProducesError(ErrorCode.VALIDATION)]
    public static async Task<Results<Ok<Page>, ApiError>> HandleAsync(
        PayoutDbContext db, CancellationToken cancellationToken, string? from = null, string? to = null, string? type = null,
        long? customerId = null, long after = 0, int size = 100)
    {
        if (after < 0 || size is < 1 or > MaxPageSize)
        {
            return ApiError.Validation(after < 0 ? "after" : "size", $"after must be 0 or more and size 1 to {MaxPageSize}.");
        }

        if (!TryInstant(from, endOfDay: false, out var since) || !TryInstant(to, endOfDay: true, out var until))
        {
            return ApiError.Validation(TryInstant(from, false, out _) ? "to" : "from",
                "from and to must be ISO 8601 instants with an offset (2026-12-01T09:00:00Z) or UTC days (2026-12-01).");
        }

        AuditEventType? wanted = null;
        if (!string.IsNullOrEmpty(type))
        {
            if (!Enum.GetNames<AuditEventType>().Contains(type, StringComparer.Ordinal))
            {
                return ApiError.Validation("type", "type must be one of " + string.Join(", ", Enum.GetNames<AuditEventType>()) + ".");
            }

            wanted = Enum.Parse<AuditEventType>(type);
        }

        var query = db.Set<AuditEvent>().AsNoTracking().Where(e => e.Sequence > after);
        if (since is { } start)
        {
            query = query.Where(e => e.OccurredAt >= start);
        }

        if (until is { } end)
        {
            query = query.Where(e => e.OccurredAt < end);
        }

        if (wanted is { } t)
        {
            query = query.Where(e => e.Type == t);
        }

        if (customerId is { } customer)
        {
            query = query.Where(e => e.CustomerId == customer);
        }

        var rows = await query.OrderBy(e => e.Sequence).Take(size).ToListAsync(cancellationToken);
        var items = rows.Select(e => new Item(e.Sequence, e.OccurredAt, e.Type.ToString(), e.Actor, e.CustomerId, e.Subject,
            JsonSerializer.Deserialize<Dictionary<string, string?>>(e.Details) ?? [], e.KeyId, e.PreviousHash, e.Hash)).ToList();
        return TypedResults.Ok(new Page(items, items.Count == size ? items[^1].Sequence : null));
    }

    private static bool TryInstant(string? text, bool endOfDay, out DateTimeOffset? instant)
    {
        instant = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // The end of the last day there is has no next day: no upper bound.
            instant = endOfDay && day == DateOnly.MaxValue
                ? DateTimeOffset.MaxValue
                : new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(endOfDay ? 1 : 0);
            return true;
        }

        // An offset is required: an instant without one would mean the server's local time.
        if (text.Length >= 20 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            instant = parsed;
            return true;
        }

        return false;
    }
}
