using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.UnitTests.Persistence;

/// <summary>
/// The gate decides nothing for correctness, so it must never stall: a turn comes back once, a turn whose write ended
/// unseen is reclaimed by the next writer, and no writer waits past the bound. No test here asserts a duration.
/// </summary>
public sealed class SqliteWriteGateTests : IDisposable
{
    private static readonly TimeSpan Forever = TimeSpan.FromMinutes(10);
    private readonly string directory = Directory.CreateTempSubdirectory("payout-gate-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task A_second_writer_waits_for_the_turn_and_gets_it_when_the_first_gives_it_back()
    {
        var gate = new SqliteWriteGate(NullLogger.Instance, bound: Forever);
        var first = await gate.EnterAsync(CancellationToken.None);

        var second = gate.EnterAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);
        Assert.True(first!.Release());

        Assert.NotNull(await second);
        Assert.Equal(0, gate.Overruns);
    }

    [Fact]
    public async Task A_turn_given_back_twice_frees_the_gate_once()
    {
        var gate = new SqliteWriteGate(NullLogger.Instance, bound: Forever);
        var first = await gate.EnterAsync(CancellationToken.None);

        Assert.True(first!.Release());
        Assert.False(first.Release());

        var second = await gate.EnterAsync(CancellationToken.None);
        var third = gate.EnterAsync(CancellationToken.None);
        Assert.False(third.IsCompleted);
        second!.Release();
        Assert.NotNull(await third);
    }

    [Fact]
    public async Task A_turn_whose_transaction_ended_behind_the_gates_back_is_reclaimed_by_the_next_writer()
    {
        var gate = new SqliteWriteGate(NullLogger.Instance, bound: Forever, checkEvery: TimeSpan.FromMilliseconds(10));
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(directory, "ended.db")}");
        await connection.OpenAsync();
        var leaked = await gate.EnterAsync(CancellationToken.None);
        leaked!.HeldBy(connection.BeginTransaction());

        await connection.CloseAsync(); // rolls the transaction back; no interceptor sees it

        Assert.NotNull(await gate.EnterAsync(CancellationToken.None));
        Assert.Equal(1, gate.Reclaims);
        Assert.Equal(0, gate.Overruns);
        Assert.False(leaked.Release());
    }

    [Fact]
    public async Task A_writer_goes_ahead_without_a_turn_at_the_bound_and_the_turn_held_that_long_is_reclaimed()
    {
        var gate = new SqliteWriteGate(NullLogger.Instance, bound: TimeSpan.FromMilliseconds(100), checkEvery: TimeSpan.FromMilliseconds(10));
        var held = await gate.EnterAsync(CancellationToken.None);

        Assert.Null(await gate.EnterAsync(CancellationToken.None));
        Assert.Equal(1, gate.Overruns);
        Assert.Equal(1, gate.Reclaims);

        var next = gate.EnterAsync(CancellationToken.None);
        Assert.True(next.IsCompleted);
        Assert.NotNull(await next);
        Assert.False(held!.Release());
    }

    [Fact]
    public void A_synchronous_writer_is_bounded_too()
    {
        var gate = new SqliteWriteGate(NullLogger.Instance, bound: TimeSpan.FromMilliseconds(100), checkEvery: TimeSpan.FromMilliseconds(10));
        Assert.NotNull(gate.Enter());

        Assert.Null(gate.Enter());
        Assert.NotNull(gate.Enter());
        Assert.Equal(1, gate.Overruns);
    }

    [Fact]
    public async Task A_cancelled_waiter_takes_no_turn()
    {
        var gate = new SqliteWriteGate(NullLogger.Instance, bound: Forever);
        var first = await gate.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync(cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);
        first!.Release();

        var next = gate.EnterAsync(CancellationToken.None);
        Assert.True(next.IsCompleted);
        Assert.NotNull(await next);
    }

    [Fact]
    public async Task Many_concurrent_writers_all_get_a_turn_in_turn()
    {
        var gate = new SqliteWriteGate(NullLogger.Instance, bound: Forever);
        var inside = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            var turn = await gate.EnterAsync(CancellationToken.None);
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref most, now);
            await Task.Yield();
            Interlocked.Decrement(ref inside);
            turn!.Release();
        })));

        Assert.Equal(1, most);
        Assert.Equal(0, gate.Overruns);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
