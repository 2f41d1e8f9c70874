using System.Collections.Concurrent;

namespace Payout.IntegrationTests.Rates;

/// <summary>One fake exchange's switches, and how many ticker requests it has received.</summary>
public sealed class FakeExchange(string name, decimal honestFactor)
{
    private readonly ConcurrentDictionary<string, FakeBehaviour> bySymbol = new(StringComparer.OrdinalIgnoreCase);
    private int requests;

    public string Name => name;

    public FakeBehaviour Behaviour { get; set; }

    /// <summary>1.2: every crypto price it quotes is 20 % too high.</summary>
    public decimal Lie { get; set; } = 1m;

    /// <summary>The Retry-After it sends with a rate limit (Binance).</summary>
    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>How far its own clock (Coinbase's trade time, Bitstamp's timestamp) is from the test's.</summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>Each exchange quotes slightly differently from the others, as real ones do.</summary>
    public decimal HonestFactor => honestFactor;

    public int Requests => Volatile.Read(ref requests);

    /// <summary>Only this symbol answers with <paramref name="behaviour"/>.</summary>
    public void Set(string symbol, FakeBehaviour behaviour) => bySymbol[symbol] = behaviour;

    public FakeBehaviour BehaviourFor(string symbol) => bySymbol.TryGetValue(symbol, out var behaviour) ? behaviour : Behaviour;

    public void Reset()
    {
        Behaviour = FakeBehaviour.Healthy;
        Lie = 1m;
        RetryAfterSeconds = 30;
        ClockOffset = TimeSpan.Zero;
        bySymbol.Clear();
    }

    internal void Counted() => Interlocked.Increment(ref requests);
}
