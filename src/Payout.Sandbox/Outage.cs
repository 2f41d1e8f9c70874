namespace Payout.Sandbox;

/// <summary>A simulated outage: until it ends, every non-admin request answers 503 and nothing is recorded.</summary>
internal sealed class Outage(TimeProvider time)
{
    // UTC ticks of the end; 0 = no outage. One long, so start, end and check need no lock.
    private long untilUtcTicks;

    public bool IsActive => time.GetUtcNow().UtcTicks < Interlocked.Read(ref untilUtcTicks);

    public DateTimeOffset Start(TimeSpan length)
    {
        var until = time.GetUtcNow() + length;
        Interlocked.Exchange(ref untilUtcTicks, until.UtcTicks);
        return until;
    }

    public void End() => Interlocked.Exchange(ref untilUtcTicks, 0);
}
