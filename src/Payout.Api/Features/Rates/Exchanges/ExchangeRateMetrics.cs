using System.Diagnostics.Metrics;
using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// The live-rates metrics, on the <c>Payout</c> meter (Prometheus names in brackets):
/// <list type="bullet">
/// <item><c>payout.rates.exchange.request.duration</c> [<c>payout_rates_exchange_request_duration_seconds{exchange,outcome}</c>]:
/// ticker request latency; <c>outcome</c> is <c>ok</c> or the failure kind.</item>
/// <item><c>payout.rates.exchange.errors</c> [<c>payout_rates_exchange_errors_total{exchange,kind}</c>]: failed ticker requests
/// by kind: <c>timeout</c>, <c>unreachable</c>, <c>http_status</c>, <c>rate_limited</c>, <c>malformed</c>,
/// <c>exchange_error</c>, <c>circuit_open</c>.</item>
/// <item><c>payout.rates.outliers.dropped</c> [<c>payout_rates_outliers_dropped_total{exchange,currency_from,currency_to}</c>]:
/// an exchange's price left out of a pair's median because it was outside <c>Rates:OutlierPercent</c> (once per poll).</item>
/// </list>
/// </summary>
public sealed class ExchangeRateMetrics
{
    private readonly Histogram<double> duration;
    private readonly Counter<long> errors;
    private readonly Counter<long> outliers;

    public ExchangeRateMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(PayoutMetrics.MeterName);
        duration = meter.CreateHistogram(
            "payout.rates.exchange.request.duration", "s", "Ticker request latency per exchange.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        errors = meter.CreateCounter<long>("payout.rates.exchange.errors", "{request}", "Failed ticker requests per exchange and kind.");
        outliers = meter.CreateCounter<long>(
            "payout.rates.outliers.dropped", "{observation}", "Exchange prices dropped from a pair's median as outliers.");
    }

    public void Requested(string exchange, TickerAnswer answer, TimeSpan elapsed)
    {
        var outcome = answer.Failure is { } failure ? KindLabel(failure.Kind) : "ok";
        duration.Record(elapsed.TotalSeconds, Tag("exchange", exchange), Tag("outcome", outcome));
        if (answer.Failure is not null)
        {
            errors.Add(1, Tag("exchange", exchange), Tag("kind", outcome));
        }
    }

    public void OutlierDropped(string exchange, string from, string to) =>
        outliers.Add(1, Tag("exchange", exchange), Tag("currency_from", from), Tag("currency_to", to));

    public static string KindLabel(TickerFailureKind kind) => kind switch
    {
        TickerFailureKind.Timeout => "timeout",
        TickerFailureKind.Unreachable => "unreachable",
        TickerFailureKind.HttpStatus => "http_status",
        TickerFailureKind.RateLimited => "rate_limited",
        TickerFailureKind.Malformed => "malformed",
        TickerFailureKind.ExchangeError => "exchange_error",
        TickerFailureKind.CircuitOpen => "circuit_open",
    };

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
