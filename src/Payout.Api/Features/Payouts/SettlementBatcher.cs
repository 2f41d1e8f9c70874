using Payout.Api.Infrastructure.Batching;
using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// Settles the payouts this process's requests have just sent, many per transaction (group commit): an answer waits while
/// the previous batch commits, then every answer that waited settles in one transaction
/// (<see cref="PayoutSettlement.ApplyDispatchedAsync"/>). Nothing
/// waits for company: alone, an answer settles at once. A payout whose batch is lost with the process stays PENDING with
/// its outbox entry leased, and the dispatcher asks the network again when the lease runs out, as after any crash between
/// the network's answer and the settlement.
/// </summary>
public sealed class SettlementBatcher : BackgroundService
{
    /// <summary>Enough for every request a busy process has in flight; small enough to keep a batch one short transaction.</summary>
    private const int MaxBatch = 32;

    private readonly IServiceScopeFactory scopes;
    private readonly PayoutMetrics metrics;
    private readonly BatchingQueue<DispatchedAnswer, PayoutOperation?> queue;

    public SettlementBatcher(IServiceScopeFactory scopes, PayoutMetrics metrics, ILogger<SettlementBatcher> logger)
    {
        this.scopes = scopes;
        this.metrics = metrics;
        queue = new BatchingQueue<DispatchedAnswer, PayoutOperation?>(SettleAsync, MaxBatch, (e, size) =>
            logger.LogWarning(e, "Settling {Count} payouts together failed; settling each on its own", size));
    }

    /// <returns>The payout as it now is, or null when someone else had settled it.</returns>
    public Task<PayoutOperation?> SettleAsync(DispatchedAnswer answer) => queue.ProcessAsync(answer);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => queue.RunAsync(stoppingToken);

    private async Task<IReadOnlyList<PayoutOperation?>> SettleAsync(IReadOnlyList<DispatchedAnswer> answers)
    {
        metrics.SettlementBatched(answers.Count);
        // One order for every batch in every process (by customer, then payout): a refund locks its customer's rows, and
        // two batches that lock the same rows in the same order cannot deadlock.
        var order = Enumerable.Range(0, answers.Count)
            .OrderBy(i => answers[i].Known.Payout.CustomerId).ThenBy(i => answers[i].Known.Payout.Id).ToArray();
        await using var scope = scopes.CreateAsyncScope();
        var settled = await scope.ServiceProvider.GetRequiredService<PayoutSettlement>()
            .ApplyDispatchedAsync([.. order.Select(i => answers[i])], CancellationToken.None);
        var results = new PayoutOperation?[answers.Count];
        for (var k = 0; k < order.Length; k++)
        {
            results[order[k]] = settled[k];
        }

        return results;
    }
}
