using Microsoft.Extensions.Time.Testing;

namespace Payout.Sandbox.Tests.Infrastructure;

/// <summary>
/// A fake clock that counts the timers made on it by due time, so a test can wait until a request really waits on the
/// clock before moving it: moved earlier, the time passes before the request's timer exists and never reaches it.
/// </summary>
public sealed class TimerCountingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Dictionary<TimeSpan, int> timersByDueTime = [];

    /// <summary>How many timers due in <paramref name="dueTime"/> were made so far (a <c>Task.Delay</c> on the clock makes one).</summary>
    public int TimersMade(TimeSpan dueTime)
    {
        lock (timersByDueTime)
        {
            return timersByDueTime.GetValueOrDefault(dueTime);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (timersByDueTime)
        {
            timersByDueTime[dueTime] = timersByDueTime.GetValueOrDefault(dueTime) + 1;
        }

        return base.CreateTimer(callback, state, dueTime, period);
    }
}
