using Microsoft.Data.Sqlite;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.UnitTests.Persistence;

/// <summary>
/// Group commit's one promise: a commit returns only after a flush that began after it. Flushes here are gated by the
/// test, so no test depends on timing.
/// </summary>
public sealed class SqliteWalFlushTests
{
    [Fact]
    public async Task A_commit_made_during_a_flush_waits_for_the_next_one()
    {
        var disk = new GatedDisk();
        var flush = new SqliteWalFlush(disk.Flush);

        var first = flush.WaitDurableAsync().AsTask();
        await disk.FlushStarted(1);
        var second = flush.WaitDurableAsync().AsTask();

        disk.Finish(1);
        await first;
        await disk.FlushStarted(2);
        Assert.False(second.IsCompleted);

        disk.Finish(2);
        await second;
        Assert.Equal(2, disk.Flushes);
    }

    [Fact]
    public async Task Commits_that_wait_together_share_one_flush()
    {
        var disk = new GatedDisk();
        var flush = new SqliteWalFlush(disk.Flush);
        var first = flush.WaitDurableAsync().AsTask();
        await disk.FlushStarted(1);

        var waiting = Enumerable.Range(0, 10).Select(_ => flush.WaitDurableAsync().AsTask()).ToArray();
        disk.Finish(1);
        await first;
        await disk.FlushStarted(2);
        disk.Finish(2);
        await Task.WhenAll(waiting);

        Assert.Equal(2, disk.Flushes);
    }

    [Fact]
    public async Task A_failed_flush_fails_the_commits_waiting_on_it_and_the_next_commit_flushes_again()
    {
        var failing = true;
        var flushes = 0;
        var flush = new SqliteWalFlush(() =>
        {
            Interlocked.Increment(ref flushes);
            if (failing)
            {
                throw new IOException("disk gone");
            }
        });

        await Assert.ThrowsAsync<IOException>(() => flush.WaitDurableAsync().AsTask());
        failing = false;
        await flush.WaitDurableAsync();
        flush.WaitDurable();

        Assert.Equal(3, flushes);
    }

    [Fact]
    public void An_in_memory_database_has_nothing_to_flush()
    {
        Assert.Null(SqliteWalFlush.For("Data Source=:memory:"));
        Assert.Null(SqliteWalFlush.For("Data Source=shared;Mode=Memory;Cache=Shared"));
    }

    [Fact]
    public void A_file_without_a_wal_flushes_nothing_and_does_not_fail()
    {
        var path = Path.Combine(Path.GetTempPath(), $"payout-flush-{Guid.NewGuid():N}.db");
        var flush = SqliteWalFlush.For(new SqliteConnectionStringBuilder { DataSource = path }.ConnectionString);

        flush!.WaitDurable();

        Assert.False(File.Exists(path + "-wal"));
    }

    /// <summary>A disk whose flushes start and end when the test says.</summary>
    private sealed class GatedDisk
    {
        private readonly SemaphoreSlim[] finish = [.. Enumerable.Range(0, 4).Select(_ => new SemaphoreSlim(0))];
        private readonly TaskCompletionSource[] started = [.. Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        private int flushes;

        public int Flushes => Volatile.Read(ref flushes);

        public void Flush()
        {
            var n = Interlocked.Increment(ref flushes);
            started[n].SetResult();
            finish[n].Wait();
        }

        public Task FlushStarted(int n) => started[n].Task.WaitAsync(TimeSpan.FromSeconds(30));

        public void Finish(int n) => finish[n].Release();
    }
}
