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

    /// <summary>The same entry as a statement for a batch of the caller's transaction (it commits with the change it records).</summary>
    public SqlStatement Statement(long operationId, NetworkEventKind kind, NetworkAnswer? answer)
    {
        var entry = PayoutNetworkEvent.Of(operationId, kind, answer, clock.GetUtcNow());
        return new(
            "INSERT INTO payout_network_events (operation_id, kind, outcome, detail, actor, created_at) VALUES ({0}, {1}, {2}, {3}, NULL, {4})",
            [entry.OperationId, entry.Kind.ToString(), entry.Outcome?.ToString(), entry.Detail, entry.CreatedAt], ExpectedRows: 1);
    }

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
