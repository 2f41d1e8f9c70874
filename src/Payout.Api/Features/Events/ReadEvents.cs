using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Errors;
using Payout.Api.Features.Customers;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Events;

/// <summary>
/// <c>GET /admin/v1/events?after=SEQ&amp;limit=N</c>: events in sequence order, after a cursor. A merchant's key reads that
/// merchant's events only; the operator reads every merchant's (or one's, with <c>merchantId</c>). Events committed up
/// to the request are numbered first, so a change is readable as soon as its request has answered.
/// </summary>
public static class ReadEvents
{
    public const int MaxLimit = 1_000;

    /// <param name="Items">The events, in sequence order.</param>
    /// <param name="Next">Pass as <c>after</c> to read on: the last item's sequence (or <c>after</c> again when there was none).</param>
    /// <param name="HasMore">More events follow already: read on at once rather than waiting.</param>
    public sealed record Response(IReadOnlyList<EventItem> Items, long Next, bool HasMore);

    /// <param name="after">Events after this sequence (0: from the first).</param>
    /// <param name="limit">At most this many (1 to 1000, default 100).</param>
    /// <param name="merchantId">Operator only: one merchant's events. With a merchant's key, its own id or nothing.</param>
    [ProducesError(ErrorCode.VALIDATION, ErrorCode.MERCHANT_NOT_FOUND)]
    public static async Task<Results<Ok<Response>, ApiError>> HandleAsync(
        HttpContext http, EventSequencer sequencer, EventLog log, MerchantDirectory merchants, CancellationToken cancellationToken,
        long after = 0, int limit = 100, Guid? merchantId = null)
    {
        if (after < 0 || limit is < 1 or > MaxLimit)
        {
            return ApiError.Validation(after < 0 ? "after" : "limit", $"after must be 0 or more and limit 1 to {MaxLimit}.");
        }

        var caller = EventsAccess.MerchantOf(http);
        if (merchantId is { } asked && (caller is { } own ? asked != own : !merchants.Exists(asked)))
        {
            // Another merchant's id looks exactly like an unknown one.
            return new ApiError(ErrorCode.MERCHANT_NOT_FOUND);
        }

        await sequencer.NumberAllAsync(cancellationToken);
        var events = await log.ReadAsync(after, limit + 1, caller ?? merchantId, cancellationToken);
        var page = events.Take(limit).Select(EventItem.From).ToList();
        return TypedResults.Ok(new Response(page, page.Count > 0 ? page[^1].Sequence : after, events.Count > limit));
    }
}
