using Payout.Api.Infrastructure.Batching;

namespace Payout.UnitTests.Batching;

/// <summary>
/// Group commit's promises: what arrives while a batch runs goes together in the next one, each item gets its own result,
/// a failure stays with the item that caused it, and nothing queued is lost when the loop stops or is not there.
/// </summary>
public sealed class BatchingQueueTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Items_that_arrive_while_a_batch_runs_go_together_in_the_next_and_each_gets_its_own_result()
    {
        await using var rig = Rig.Running(maxBatch: 32);

        var first = await rig.FirstBatchHeldAsync();
        Task<int>[] later = [rig.Queue.ProcessAsync(2), rig.Queue.ProcessAsync(3)];
        rig.Release();

        Assert.Equal(10, await first.WaitAsync(Patience));
        var results = await Task.WhenAll(later).WaitAsync(Patience);
        Assert.Equal([20, 30], results);
        Assert.Equal([[1], [2, 3]], rig.Batches);
    }

    [Fact]
    public async Task A_batch_holds_at_most_its_maximum()
    {
        await using var rig = Rig.Running(maxBatch: 2);

        var first = await rig.FirstBatchHeldAsync();
        Task<int>[] later = [rig.Queue.ProcessAsync(2), rig.Queue.ProcessAsync(3), rig.Queue.ProcessAsync(4)];
        rig.Release();

        await Task.WhenAll([first, .. later]).WaitAsync(Patience);
        Assert.Equal([[1], [2, 3], [4]], rig.Batches);
    }

    [Fact]
    public async Task A_failed_batch_is_processed_again_item_by_item_so_the_failure_stays_with_its_item()
    {
        var failedBatches = new List<int>();
        await using var rig = Rig.Running(maxBatch: 32, failOn: 3, onBatchFailed: (_, size) => failedBatches.Add(size));

        var first = await rig.FirstBatchHeldAsync();
        var good = rig.Queue.ProcessAsync(2);
        var bad = rig.Queue.ProcessAsync(3);
        rig.Release();

        Assert.Equal(20, await good.WaitAsync(Patience));
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad.WaitAsync(Patience));
        Assert.Equal(10, await first.WaitAsync(Patience));
        Assert.Equal([2], failedBatches);
        Assert.Equal([[1], [2, 3], [2], [3]], rig.Batches);
    }

    [Fact]
    public async Task Once_stopped_it_finishes_what_was_queued_and_then_processes_each_item_alone_at_once()
    {
        await using var rig = Rig.Running(maxBatch: 32);

        var first = await rig.FirstBatchHeldAsync();
        var queued = rig.Queue.ProcessAsync(2);
        await rig.StopAsync(releasingTheFirstBatch: true);

        Assert.Equal(10, await first.WaitAsync(Patience));
        Assert.Equal(20, await queued.WaitAsync(Patience));
        Assert.Equal(40, await rig.Queue.ProcessAsync(4).WaitAsync(Patience));
        Assert.Equal([[1], [2], [4]], rig.Batches);
    }

    [Fact]
    public async Task Without_its_loop_each_item_is_processed_alone_at_once()
    {
        await using var rig = new Rig(maxBatch: 32);
        rig.Release();

        Assert.Equal(10, await rig.Queue.ProcessAsync(1).WaitAsync(Patience));
        Assert.Equal(20, await rig.Queue.ProcessAsync(2).WaitAsync(Patience));
        Assert.Equal([[1], [2]], rig.Batches);
    }

    /// <summary>
    /// A queue that multiplies by ten and whose first batch waits for <see cref="Release"/>, so the test decides what arrives
    /// meanwhile; its loop (when running) stops when the rig is disposed.
    /// </summary>
    private sealed class Rig : IAsyncDisposable
    {
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource stop = new();
        private readonly int? failOn;
        private Task loop = Task.CompletedTask;

        public Rig(int maxBatch, int? failOn = null, Action<Exception, int>? onBatchFailed = null)
        {
            this.failOn = failOn;
            Queue = new BatchingQueue<int, int>(ProcessAsync, maxBatch, onBatchFailed);
        }

        public BatchingQueue<int, int> Queue { get; }

        public List<int[]> Batches { get; } = [];

        public static Rig Running(int maxBatch, int? failOn = null, Action<Exception, int>? onBatchFailed = null)
        {
            var rig = new Rig(maxBatch, failOn, onBatchFailed);
            rig.loop = rig.Queue.RunAsync(rig.stop.Token);
            return rig;
        }

        /// <summary>Sends item 1 and answers its result once its batch has started (and waits for <see cref="Release"/>).</summary>
        public async Task<Task<int>> FirstBatchHeldAsync()
        {
            var first = Queue.ProcessAsync(1);
            await started.Task.WaitAsync(Patience);
            return first;
        }

        public void Release() => released.TrySetResult();

        /// <summary>Stops the loop: the stop is requested while the first batch is still held, then that batch is let go.</summary>
        public async Task StopAsync(bool releasingTheFirstBatch)
        {
            await stop.CancelAsync();
            if (releasingTheFirstBatch)
            {
                Release();
            }

            await loop.WaitAsync(Patience);
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync(releasingTheFirstBatch: true);
            stop.Dispose();
        }

        private async Task<IReadOnlyList<int>> ProcessAsync(IReadOnlyList<int> items)
        {
            lock (Batches)
            {
                Batches.Add([.. items]);
            }

            started.TrySetResult();
            await released.Task;
            return items.Contains(failOn ?? 0) ? throw new InvalidOperationException($"{failOn} cannot be processed.") : [.. items.Select(i => i * 10)];
        }
    }
}
