using System.Collections.Concurrent;

namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// The poller's memory, read by <see cref="ExchangeRateSource"/> on the request path (no I/O there): the latest
/// observation per exchange and pair, when each pair last had an agreed rate, and which exchanges asked us to
/// wait (rate limits) until when.
/// </summary>
public sealed class ExchangeObservations
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, ExchangeObservation>> latest = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastAgreed = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> restingUntil = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="observation"/> unless the exchange's held one for the pair is newer.</summary>
    public void Record(string from, string to, ExchangeObservation observation) =>
        latest.GetOrAdd(Key(from, to), _ => new ConcurrentDictionary<string, ExchangeObservation>(StringComparer.Ordinal))
            .AddOrUpdate(observation.Exchange, observation, (_, held) => held.ObservedAt > observation.ObservedAt ? held : observation);

    /// <summary>The latest observation of every exchange that ever quoted the pair (fresh or not).</summary>
    public IReadOnlyCollection<ExchangeObservation> Of(string from, string to) =>
        latest.TryGetValue(Key(from, to), out var byExchange) ? [.. byExchange.Values] : [];

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
