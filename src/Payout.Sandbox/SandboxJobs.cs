using System.Threading.Channels;

namespace Payout.Sandbox;

/// <summary>Work the <see cref="SandboxWorker"/> does later, at <see cref="DueAt"/> or as soon after as it can.</summary>
internal abstract record SandboxJob(string PayoutId, DateTimeOffset DueAt);

/// <summary>Moves a PENDING payout to its final state.</summary>
internal sealed record SettleJob(string PayoutId, DateTimeOffset DueAt) : SandboxJob(PayoutId, DueAt);

/// <summary>Delivery attempt <see cref="Attempt"/> (1-based) of a payout's callback.</summary>
internal sealed record CallbackJob(string PayoutId, int Attempt, DateTimeOffset DueAt) : SandboxJob(PayoutId, DueAt);

/// <summary>The queue between request handlers (and the worker itself) and the <see cref="SandboxWorker"/>.</summary>
internal sealed class SandboxJobs
{
    // Unbounded: writing never blocks, so the store can schedule while it holds its lock.
    private readonly Channel<SandboxJob> channel = Channel.CreateUnbounded<SandboxJob>(new() { SingleReader = true });

    public ChannelReader<SandboxJob> Reader => channel.Reader;

    public void Schedule(SandboxJob job) => channel.Writer.TryWrite(job);
}
