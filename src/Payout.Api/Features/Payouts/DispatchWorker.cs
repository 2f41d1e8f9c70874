using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Features.Payouts.Network;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// Sends what the outbox holds and reconciles what the network left pending, in every API process at once.
/// Entries are claimed in batches with a lease — on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>, so two
/// processes never wait on or take the same entry; on SQLite the single writer does the same job.
/// Polls in real time; "due" is judged by the service's clock.
/// </summary>
public sealed class DispatchWorker(
    IServiceScopeFactory scopes, IOptions<PayoutNetworkOptions> options, TimeProvider clock, ILogger<DispatchWorker> logger)
    : BackgroundService
{
    /// <summary>Claims up to 20 due, unleased entries for this process and answers their ids.</summary>
    private const string ClaimSql = """
        UPDATE payout_outbox SET lease_until = {0}, lease_owner = {1}
        WHERE operation_id IN (
            SELECT operation_id FROM payout_outbox
            WHERE state <> 'Done' AND due_at <= {2} AND (lease_until IS NULL OR lease_until < {2})
            ORDER BY due_at LIMIT 20
            /* lock */)
        RETURNING operation_id AS "Value"
        """;
    private readonly PayoutNetworkOptions settings = options.Value;

    /// <summary>
    /// Starts dispatching a just-debited payout now, outside the request, so execute can wait a short budget
    /// for the answer and the send still completes when the request has gone.
    /// </summary>
    public Task DispatchNowAsync(long operationId) => Task.Run(async () =>
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PayoutDispatcher>().TryProcessAsync(operationId, evenIfNotDue: true, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The outbox entry stays; the loop below picks it up when its lease runs out.
            logger.LogError(e, "Dispatching payout {OperationId} failed; it will be retried", operationId);
        }
    });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(settings.DispatchIntervalMilliseconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await DispatchDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Dispatch round failed; trying again next round");
            }
        }
    }

    private async Task DispatchDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutDbContext>();
        var claimed = await ClaimDueAsync(db, cancellationToken);
        foreach (var operationId in claimed)
        {
            await using var work = scopes.CreateAsyncScope();
            await work.ServiceProvider.GetRequiredService<PayoutDispatcher>().ProcessLeasedAsync(operationId, cancellationToken);
        }
    }

    private async Task<List<long>> ClaimDueAsync(PayoutDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now.AddSeconds(settings.LeaseSeconds);
        var owner = PayoutDispatcher.Owner;
        var postgres = db.Provider == DatabaseProvider.Postgres;
        // SQLite stores instants as UTC ticks (see SqlitePayoutDbContext) and has one writer at a time,
        // so it needs no SKIP LOCKED; PostgreSQL's lets processes claim disjoint batches without waiting.
        object At(DateTimeOffset instant) => postgres ? instant : instant.UtcTicks;
        var sql = postgres ? ClaimSql.Replace("/* lock */", "FOR UPDATE SKIP LOCKED", StringComparison.Ordinal) : ClaimSql;
        return await db.Database.SqlQueryRaw<long>(sql, At(until), owner, At(now)).ToListAsync(cancellationToken);
    }
}
