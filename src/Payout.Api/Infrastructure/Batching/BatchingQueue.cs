using System.Threading.Channels;

namespace Payout.Api.Infrastructure.Batching;

/// <summary>
/// Group commit for work that arrives one item at a time: one loop takes everything that arrived while its previous batch
/// ran (up to <paramref name="maxBatch"/> items) and processes it as one batch. At low load a batch is one item and nothing
/// waits for company; under load the cost of a batch (a commit, a round trip, a lock) is shared by all its items.
/// A failed batch of several items is processed again item by item, so a failure stays with the item that caused it.
/// Before the loop starts (a host that runs no background services) and once it has stopped, items are processed alone,
/// at once.
/// </summary>
/// <param name="process">Processes a batch; answers one result per item, in order.</param>
public sealed class BatchingQueue<TItem, TResult>(
    Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> process, int maxBatch, Action<Exception, int>? onBatchFailed = null)
{
    private readonly Channel<Waiting> queue = Channel.CreateUnbounded<Waiting>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool running;

    /// <summary>Processes <paramref name="item"/> in the next batch.</summary>
    public async Task<TResult> ProcessAsync(TItem item)
    {
        var waiting = new Waiting(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (running && queue.Writer.TryWrite(waiting))
        {
            return await waiting.Result.Task;
        }

        return (await process([item]))[0];
    }

    /// <summary>The loop. When <paramref name="stopping"/> fires it finishes its batch, processes what is still queued, and returns.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var batch = new List<Waiting>(maxBatch);
        running = true;
        try
        {
            while (await queue.Reader.WaitToReadAsync(stopping))
            {
                await ProcessQueuedAsync(batch);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }

        queue.Writer.TryComplete();
        while (await ProcessQueuedAsync(batch) > 0)
        {
        }
    }

    /// <returns>How many items it took (0 when none was queued).</returns>
    private async Task<int> ProcessQueuedAsync(List<Waiting> batch)
    {
        batch.Clear();
        while (batch.Count < maxBatch && queue.Reader.TryRead(out var next))
        {
            batch.Add(next);
        }

        if (batch.Count == 0)
        {
            return 0;
        }

        try
        {
            var results = await process([.. batch.Select(w => w.Item)]);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Result.SetResult(results[i]);
            }
        }
        catch (Exception e) when (batch.Count > 1)
        {
            onBatchFailed?.Invoke(e, batch.Count);
            foreach (var waiting in batch)
            {
                await ProcessAloneAsync(waiting);
            }
        }
        catch (Exception e)
        {
            batch[0].Result.SetException(e);
        }

        return batch.Count;
    }

    private async Task ProcessAloneAsync(Waiting waiting)
    {
        try
        {
            waiting.Result.SetResult((await process([waiting.Item]))[0]);
        }
        catch (Exception e)
        {
            waiting.Result.SetException(e);
        }
    }

    private sealed record Waiting(TItem Item, TaskCompletionSource<TResult> Result);
}
