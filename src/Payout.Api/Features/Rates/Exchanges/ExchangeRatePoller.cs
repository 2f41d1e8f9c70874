using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Rates;

namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// Asks every enabled exchange for every pair it lists, every <c>Rates:Exchanges:PollIntervalSeconds</c>, at most
/// <c>MaxConcurrentRequests</c> at a time, and keeps each answer as an observation. The interval and rate-limit
/// rests run on the service's clock (they decide how old rates get); each request's timeout, retry and circuit
/// breaker run on the real clock in the exchange's resilience pipeline (they are latency).
/// A round's answers are published together when it ends; then every pair is judged, outliers are counted and
/// pairs and exchanges that change state are logged.
/// </summary>
public sealed class ExchangeRatePoller(
    IEnumerable<IExchangeTicker> exchanges,
    ExchangeObservations observations,
    ExchangeRateSource source,
    ExchangeRateMetrics metrics,
    IOptions<ExchangeRatesOptions> options,
    IOptions<RatesOptions> rates,
    CurrencyCatalog currencies,
    TimeProvider clock,
    ILogger<ExchangeRatePoller> logger)
    : BackgroundService
{
    /// <summary>How long an exchange rests after "too many requests" that did not say how long.</summary>
    public static readonly TimeSpan DefaultRest = TimeSpan.FromSeconds(60);

    /// <summary>An inverted quote (1 ÷ price) keeps 12 decimals, far below the 8 of a customer rate.</summary>
    public const int InvertedScale = 12;

    // Touched only by the poll loop, one round at a time.
    private readonly Dictionary<string, bool> pairQuoted = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> exchangeFailing = new(StringComparer.Ordinal);

    private ExchangeRatesOptions Settings => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var timer = new PeriodicTimer(Settings.PollInterval, clock);
        do
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Polling the exchanges failed; trying again next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: every request, then every pair judged.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var pairs = Pairs();
        var enabled = exchanges.Where(e => Settings.Exchanges.ByName.TryGetValue(e.Name, out var endpoint) && endpoint.Enabled).ToList();
        var requests = (
            from exchange in enabled
            from pair in pairs
            let symbol = exchange.SymbolFor(pair.From, pair.To)
            where symbol is not null
            select new TickerRequest(exchange, pair.From, pair.To, symbol)).ToList();

        var outcomes = new ConcurrentBag<(string Exchange, TickerFailure? Failure)>();
        var observed = new ConcurrentBag<(string From, string To, ExchangeObservation Observation)>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Settings.Exchanges.MaxConcurrentRequests, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(requests, parallel, async (request, ct) =>
        {
            if (!observations.IsResting(request.Exchange.Name, clock.GetUtcNow()))
            {
                outcomes.Add((request.Exchange.Name, await FetchAsync(request, observed, ct)));
            }
        });

        observations.Publish(observed);
        LogExchangeStates(outcomes);
        JudgePairs(pairs);
    }

    /// <summary>The configured crypto → fiat pairs, and USD → EUR when the KYC limit takes it from the exchanges.</summary>
    public IReadOnlyList<(string From, string To)> Pairs()
    {
        var pairs = rates.Value.QuotedPairs(currencies).Select(pair => (pair.From.Code, pair.To.Code)).ToList();
        if (Settings.UsdToEurFromExchanges)
        {
            pairs.Add(("USD", "EUR"));
        }

        return pairs;
    }

    private async Task<TickerFailure?> FetchAsync(
        TickerRequest request, ConcurrentBag<(string From, string To, ExchangeObservation Observation)> observed, CancellationToken cancellationToken)
    {
        var exchange = request.Exchange.Name;
        var started = Stopwatch.GetTimestamp();
        var answer = await request.Exchange.FetchAsync(request.Symbol, cancellationToken);
        var arrivedAt = clock.GetUtcNow();
        metrics.Requested(exchange, answer, Stopwatch.GetElapsedTime(started));
        if (answer.Failure is { } failure)
        {
            if (failure.Kind == TickerFailureKind.RateLimited)
            {
                var until = arrivedAt + (failure.RetryAfter ?? DefaultRest);
                var resting = observations.IsResting(exchange, arrivedAt);
                observations.RestUntil(exchange, until);
                if (!resting)
                {
                    logger.LogWarning("Exchange {Exchange} asked us to slow down ({Detail}); not asking it again before {Until:O}", exchange, failure.Detail, until);
                }
            }

            logger.LogDebug("Exchange {Exchange} gave no {Symbol} price: {Kind} ({Detail})", exchange, request.Symbol.Symbol, failure.Kind, failure.Detail);
            return failure;
        }

        var price = request.Symbol.Inverted ? Rounding.Down(1m / answer.Price, InvertedScale) : answer.Price;
        observed.Add((request.From, request.To, new ExchangeObservation(exchange, price, ObservedAt(answer.ExchangeTime, arrivedAt))));
        return null;
    }

    /// <summary>
    /// The exchange's own time when it sends one, but never later than the answer's arrival: a clock running ahead
    /// of ours must not make a price look fresher than it is.
    /// </summary>
    public static DateTimeOffset ObservedAt(DateTimeOffset? exchangeTime, DateTimeOffset arrivedAt) =>
        exchangeTime is { } at && at < arrivedAt ? at : arrivedAt;

    private void JudgePairs(IReadOnlyList<(string From, string To)> pairs)
    {
        var now = clock.GetUtcNow();
        foreach (var (from, to) in pairs)
        {
            var consensus = source.Decide(from, to, now);
            foreach (var outlier in consensus.Outliers)
            {
                metrics.OutlierDropped(outlier.Exchange, from, to);
            }

            if (consensus.IsAgreed)
            {
                observations.Agreed(from, to, consensus.ObservedAt);
            }

            var key = from + "/" + to;
            var wasQuoted = pairQuoted.TryGetValue(key, out var quoted) ? quoted : (bool?)null;
            pairQuoted[key] = consensus.IsAgreed;
            if (consensus.IsAgreed && wasQuoted == false)
            {
                logger.LogInformation("{From}/{To} is quoted again: {Value} from {Exchanges}", from, to, consensus.Value,
                    string.Join(", ", consensus.Agreeing.Select(o => o.Exchange)));
            }
            else if (!consensus.IsAgreed && wasQuoted != false)
            {
                logger.LogWarning("{From}/{To} is not quoted: {Reason}", from, to, source.WhyUnavailable(from, to, now));
            }
        }
    }

    private void LogExchangeStates(IEnumerable<(string Exchange, TickerFailure? Failure)> outcomes)
    {
        foreach (var round in outcomes.GroupBy(o => o.Exchange))
        {
            var failures = round.Where(o => o.Failure is not null).Select(o => o.Failure!).ToList();
            var failing = failures.Count == round.Count();
            var wasFailing = exchangeFailing.GetValueOrDefault(round.Key);
            exchangeFailing[round.Key] = failing;
            if (failing && !wasFailing)
            {
                logger.LogWarning("Exchange {Exchange}: every ticker request failed ({Kinds})", round.Key,
                    string.Join(", ", failures.Select(f => ExchangeRateMetrics.KindLabel(f.Kind)).Distinct()));
            }
            else if (!failing && wasFailing)
            {
                logger.LogInformation("Exchange {Exchange} answers again", round.Key);
            }
        }
    }

    private sealed record TickerRequest(IExchangeTicker Exchange, string From, string To, ExchangeSymbol Symbol);
}
