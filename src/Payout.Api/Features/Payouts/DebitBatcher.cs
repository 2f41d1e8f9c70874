using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Batching;
using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// Debits executes many per transaction on PostgreSQL (group commit): an execute waits while the previous batch commits, then
/// every execute that waited is debited in one transaction (<see cref="PayoutDesk.DebitManyAsync"/>), one round trip for the
/// locks and reads, two for the writes and one commit for all of them. Alone, an execute is debited at once, on its own. What a
/// batch leaves (a customer's second execute, an offer already executed, expired or refused by a check) and every execute of a
/// batch whose float debit was refused are then debited one by one, exactly as without batching.
/// </summary>
public sealed class DebitBatcher : BackgroundService
{
    /// <summary>More than the requests a process has in flight at once; a batch stays one short transaction.</summary>
    private const int MaxBatch = 32;

    private readonly IServiceScopeFactory scopes;
    private readonly PayoutMetrics metrics;
    private readonly BatchingQueue<ExecuteRequest, Result<PayoutDesk.Debit>> queue;

    public DebitBatcher(IServiceScopeFactory scopes, PayoutMetrics metrics, ILogger<DebitBatcher> logger)
    {
        this.scopes = scopes;
        this.metrics = metrics;
        queue = new BatchingQueue<ExecuteRequest, Result<PayoutDesk.Debit>>(DebitAsync, MaxBatch, (e, size) =>
            logger.LogWarning(e, "Debiting {Count} executes together failed; debiting each on its own", size));
    }

    public Task<Result<PayoutDesk.Debit>> DebitAsync(ExecuteRequest execute) => queue.ProcessAsync(execute);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => queue.RunAsync(stoppingToken);

    private async Task<IReadOnlyList<Result<PayoutDesk.Debit>>> DebitAsync(IReadOnlyList<ExecuteRequest> executes)
    {
        metrics.DebitBatched(executes.Count);
        var debits = new Result<PayoutDesk.Debit>?[executes.Count];
        if (executes.Count > 1)
        {
            await using var scope = scopes.CreateAsyncScope();
            debits = await scope.ServiceProvider.GetRequiredService<PayoutDesk>().DebitManyAsync(executes, CancellationToken.None) ?? debits;
        }

        var results = new Result<PayoutDesk.Debit>[executes.Count];
        for (var i = 0; i < executes.Count; i++)
        {
            if (debits[i] is { } debited)
            {
                results[i] = debited;
                continue;
            }

            await using var scope = scopes.CreateAsyncScope();
            results[i] = await scope.ServiceProvider.GetRequiredService<PayoutDesk>().DebitAsync(executes[i], CancellationToken.None);
        }

        return results;
    }
}
