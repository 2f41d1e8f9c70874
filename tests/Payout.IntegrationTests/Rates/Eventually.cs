namespace Payout.IntegrationTests.Rates;

/// <summary>Waits (in real time, bounded) for a condition that background work will make true.</summary>
public static class Eventually
{
    /// <summary>
    /// Reads until <paramref name="done"/> holds and answers the last reading; fails naming <paramref name="what"/>
    /// and the last reading at the deadline. <paramref name="nudge"/> runs about once a second meanwhile (e.g. to
    /// start another poll round while a circuit breaker closes).
    /// </summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, Action? nudge = null)
    {
        var within = TimeSpan.FromSeconds(20);
        var deadline = DateTime.UtcNow + within;
        var nextNudge = DateTime.UtcNow + TimeSpan.FromSeconds(1);
        while (true)
        {
            var reading = await read();
            if (done(reading))
            {
                return reading;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Not {what} within {within.TotalSeconds} s; last reading: {reading}");
            if (nudge is not null && DateTime.UtcNow >= nextNudge)
            {
                nudge();
                nextNudge = DateTime.UtcNow + TimeSpan.FromSeconds(1);
            }

            await Task.Delay(50);
        }
    }
}
