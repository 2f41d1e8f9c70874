using System.Diagnostics;

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// The one way a test waits for work the service does in the background: it polls in real time until the condition
/// holds and FAILS with the message (and the last reading) at the deadline — it never returns quietly at a timeout,
/// and no test sleeps a fixed time instead. Compiled into every test project that waits (linked from here).
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan NudgeInterval = TimeSpan.FromSeconds(1);

    /// <summary>Waits until <paramref name="condition"/> holds; fails with <paramref name="message"/> at the deadline.</summary>
    public static Task EventuallyAsync(Func<bool> condition, TimeSpan timeout, string message) =>
        EventuallyAsync(() => Task.FromResult(condition()), timeout, message);

    /// <summary>Waits until <paramref name="condition"/> holds; fails with <paramref name="message"/> at the deadline.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout, string message) =>
        await PollAsync(condition, held => held, timeout, _ => message, nudge: null);

    /// <summary>
    /// Reads until <paramref name="done"/> holds and answers that reading; fails with <paramref name="message"/> and the
    /// last reading at the deadline. <paramref name="nudge"/> runs about once a second meanwhile (e.g. to move a fake
    /// clock past a cache's age while a background poller catches up).
    /// </summary>
    public static Task<T> EventuallyAsync<T>(
        Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string message, Action? nudge = null) =>
        PollAsync(read, done, timeout, last => $"{message}; last reading: {last}", nudge);

    private static async Task<T> PollAsync<T>(
        Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, Func<T, string> describe, Action? nudge)
    {
        var elapsed = Stopwatch.StartNew();
        var nextNudge = NudgeInterval;
        while (true)
        {
            var reading = await read();
            if (done(reading))
            {
                return reading;
            }

            if (elapsed.Elapsed >= timeout)
            {
                Assert.Fail($"Not within {timeout.TotalSeconds:0.#} s: {describe(reading)}");
            }

            if (nudge is not null && elapsed.Elapsed >= nextNudge)
            {
                nudge();
                nextNudge = elapsed.Elapsed + NudgeInterval;
            }

            await Task.Delay(PollInterval);
        }
    }
}
