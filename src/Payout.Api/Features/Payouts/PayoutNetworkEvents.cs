using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>The payouts' network history (<see cref="PayoutNetworkEvent"/>): every write and read of it, in one place.</summary>
public sealed class PayoutNetworkEvents(PayoutDbContext db, TimeProvider clock)
{
    private DbSet<PayoutNetworkEvent> Events => db.Set<PayoutNetworkEvent>();

    /// <summary>Adds an entry to the payout's network history; saved with the next change (<see cref="SaveAsync"/>).</summary>
    public void Note(long operationId, NetworkEventKind kind, NetworkAnswer? answer, string? actor = null) =>
        Events.Add(PayoutNetworkEvent.Of(operationId, kind, answer, clock.GetUtcNow(), actor));

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
