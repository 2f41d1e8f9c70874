using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Events;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Events;

/// <summary>Reads numbered events in order: every query on <c>merchant_events</c> for readers, in one place.</summary>
public sealed class EventLog(PayoutDbContext db)
{
    /// <summary>Up to <paramref name="limit"/> events after <paramref name="after"/>, of one merchant or of all (null).</summary>
    public Task<List<MerchantEvent>> ReadAsync(long after, int limit, Guid? merchantId, CancellationToken cancellationToken)
    {
        var events = db.Set<MerchantEvent>().AsNoTracking().Where(e => e.Sequence > after);
        if (merchantId is { } merchant)
        {
            events = events.Where(e => e.MerchantId == merchant);
        }

        return events.OrderBy(e => e.Sequence).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>One numbered event, for its webhook.</summary>
    public Task<MerchantEvent> GetAsync(long sequence, CancellationToken cancellationToken) =>
        db.Set<MerchantEvent>().AsNoTracking().SingleAsync(e => e.Sequence == sequence, cancellationToken);
}
