using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Batching;
using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// Debits executes many per transaction on PostgreSQL (group commit): an execute waits while the previous batch commits, then
/// every execute that waited is debited in one transaction (<see cref="PayoutDesk.DebitManyAsync"/>), one round trip for the
/// locks and reads, two for the writes and one commit for all of them. Alone, an execute is debited at once, on its own. What a
/// batch leaves (a customer's second execute, an offer already executed, expired or refused by a check) and every execute of a
/// batch whose float debit was refused are handed back, to be debited one by one by their requests, exactly as without
/// batching: outside this loop, so the next batch does not wait for them.
/// </summary>
public sealed class DebitBatcher : BackgroundService
{
    /// <summary>More than the requests a process has in flight at once; a batch stays one short transaction.</summary>
    private const int MaxBatch = 32;

    private readonly IServiceScopeFactory scopes;
    private readonly PayoutMetrics metrics;
    private readonly BatchingQueue<ExecuteRequest, Result<PayoutDesk.Debit>?> queue;

    public DebitBatcher(IServiceScopeFactory scopes, PayoutMetrics metrics, ILogger<DebitBatcher> logger)
    {
        this.scopes = scopes;
        this.metrics = metrics;
        queue = new BatchingQueue<ExecuteRequest, Result<PayoutDesk.Debit>?>(DebitAsync, MaxBatch, (e, size) =>
            logger.LogWarning(e, "Debiting {Count} executes together failed; debiting each on its own", size));
    }

    /// <returns>The debit's result, or null when the caller must debit the execute on its own (<see cref="PayoutDesk.DebitAsync"/>).</returns>
    public Task<Result<PayoutDesk.Debit>?> DebitAsync(ExecuteRequest execute) => queue.ProcessAsync(execute);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => queue.RunAsync(stoppingToken);

    private async Task<IReadOnlyList<Result<PayoutDesk.Debit>?>> DebitAsync(IReadOnlyList<ExecuteRequest> executes)
    {
        metrics.DebitBatched(executes.Count);
        await using var scope = scopes.CreateAsyncScope();
        var desk = scope.ServiceProvider.GetRequiredService<PayoutDesk>();
        // A batch of one is debited here: the executes that arrive meanwhile wait for it and form the next batch.
        return executes.Count == 1
            ? [await desk.DebitAsync(executes[0], CancellationToken.None)]
            : await desk.DebitManyAsync(executes, CancellationToken.None) ?? new Result<PayoutDesk.Debit>?[executes.Count];
    }
}
