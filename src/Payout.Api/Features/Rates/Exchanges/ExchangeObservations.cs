using System.Collections.Concurrent;
using System.Collections.Immutable;
using Payout.Api.Domain.Rates;

namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// The poller's memory, read by <see cref="ExchangeRateSource"/> on the request path (no I/O there): the latest
/// observation per exchange and pair (an immutable snapshot, replaced once per round), when each pair last had an agreed rate, and which exchanges asked us to
/// wait (rate limits) until when.
/// </summary>
public sealed class ExchangeObservations
{
    private static readonly ImmutableDictionary<string, ImmutableDictionary<string, ExchangeObservation>> Empty =
        ImmutableDictionary.Create<string, ImmutableDictionary<string, ExchangeObservation>>(StringComparer.OrdinalIgnoreCase);

    private readonly Lock publishing = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastAgreed = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> restingUntil = new(StringComparer.Ordinal);
    private ImmutableDictionary<string, ImmutableDictionary<string, ExchangeObservation>> latest = Empty;

    /// <summary>
    /// Publishes a whole round at once, so a reader sees every answer of a round or none (never a median of
    /// half a round). An exchange's held observation for a pair is replaced unless it is newer.
    /// </summary>
    public void Publish(IEnumerable<(string From, string To, ExchangeObservation Observation)> round)
    {
        lock (publishing)
        {
            var next = latest.ToBuilder();
            foreach (var (from, to, observation) in round)
            {
                var key = Key(from, to);
                var byExchange = next.GetValueOrDefault(key) ?? ImmutableDictionary.Create<string, ExchangeObservation>(StringComparer.Ordinal);
                if (!byExchange.TryGetValue(observation.Exchange, out var held) || held.ObservedAt <= observation.ObservedAt)
                {
                    next[key] = byExchange.SetItem(observation.Exchange, observation);
                }
            }

            Volatile.Write(ref latest, next.ToImmutable());
        }
    }

    /// <summary>The latest observation of every exchange that ever quoted the pair (fresh or not).</summary>
    public IReadOnlyCollection<ExchangeObservation> Of(string from, string to) =>
        Volatile.Read(ref latest).TryGetValue(Key(from, to), out var byExchange) ? [.. byExchange.Values] : [];

    /// <summary>Remembers an agreed rate's observation time (the newest one wins).</summary>
    public void Agreed(string from, string to, DateTimeOffset observedAt) =>
        lastAgreed.AddOrUpdate(Key(from, to), observedAt, (_, held) => held > observedAt ? held : observedAt);

    public DateTimeOffset? LastAgreedAt(string from, string to) =>
        lastAgreed.TryGetValue(Key(from, to), out var at) ? at : null;

    /// <summary>The exchange is not asked again before <paramref name="until"/> (it answered "too many requests").</summary>
    public void RestUntil(string exchange, DateTimeOffset until) =>
        restingUntil.AddOrUpdate(exchange, until, (_, held) => held > until ? held : until);

    public bool IsResting(string exchange, DateTimeOffset now) =>
        restingUntil.TryGetValue(exchange, out var until) && now < until;

    private static string Key(string from, string to) => from + "/" + to;
}
