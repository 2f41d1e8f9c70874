using Microsoft.Extensions.Options;
using Payout.Api.Features.Payouts.Network;

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
    private readonly PayoutNetworkOptions settings = options.Value;

    /// <summary>
    /// Starts dispatching a just-debited payout now, outside the request, so execute can wait a short budget
    /// for the answer and the send still completes when the request has gone. Its outbox entry was written
    /// leased to this process, so no other dispatcher takes it meanwhile.
    /// </summary>
    /// <returns>The payout as it now is when the network's final answer settled it; null when it is still open.</returns>
    public Task<PayoutOperation?> DispatchNowAsync(NewPayoutDispatch payout) => Task.Run(async () =>
    {
        PayoutOperation? settled = null;
        await DispatchAsync(payout.Payout.Id, async dispatcher => settled = await dispatcher.SendNewAsync(payout, CancellationToken.None), CancellationToken.None);
        return settled;
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
        var now = clock.GetUtcNow();
        var claimed = await scope.ServiceProvider.GetRequiredService<PayoutOutbox>()
            .ClaimDueAsync(now, now.AddSeconds(settings.LeaseSeconds), cancellationToken);
        // The batch's payouts go to the network side by side: one the network never answers costs its attempt's
        // timeout, and taken one by one a batch of them held every answered payout behind it, past the lease.
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = PayoutOutbox.ClaimBatchSize, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(claimed, parallel, ProcessClaimedAsync);
    }

    private async ValueTask ProcessClaimedAsync(long operationId, CancellationToken cancellationToken) =>
        await DispatchAsync(operationId, dispatcher => dispatcher.ProcessLeasedAsync(operationId, cancellationToken), cancellationToken);

    /// <summary>
    /// One entry in its own scope. A failure is logged, never thrown: the entry stays in the outbox and a later round
    /// takes it again when its lease runs out, and it does not hold up the rest of a batch.
    /// </summary>
    private async Task DispatchAsync(long operationId, Func<PayoutDispatcher, Task> dispatch, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await dispatch(scope.ServiceProvider.GetRequiredService<PayoutDispatcher>());
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Dispatching payout {OperationId} failed; it will be retried", operationId);
        }
    }
}
