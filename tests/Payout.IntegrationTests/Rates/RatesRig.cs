using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Payout.Api.Configuration;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Rates;
using Payout.Api.Features.Rates;
using Payout.Api.Features.Rates.Exchanges;
using Payout.Api.Infrastructure.Observability;

namespace Payout.IntegrationTests.Rates;

/// <summary>
/// The live-rate services alone — the service's own registration, real HTTP clients and resilience pipelines,
/// no database and no web host — pointed at the fake exchanges. One per test, so no circuit breaker state
/// carries from one test to the next. Rounds are run by hand (<see cref="PollAsync"/>), not by the timer.
/// </summary>
public sealed class RatesRig : IDisposable
{
    /// <summary>Generous: the first failure in a process is slow (cold paths), and must not read as a timeout.</summary>
    public const int RequestTimeoutMilliseconds = 1_500;

    private readonly ServiceProvider services;

    public RatesRig(FakeExchangesFixture fakes, IReadOnlyDictionary<string, string?>? settings = null)
    {
        fakes.Exchanges.Reset();
        Clock = fakes.Clock;
        var values = new Dictionary<string, string?>(fakes.Exchanges.Settings())
        {
            ["Rates:Source"] = "Exchanges",
            ["Rates:Exchanges:RequestTimeoutMilliseconds"] = RequestTimeoutMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<System.Diagnostics.Metrics.IMeterFactory, RigMeterFactory>();
        collection.AddSingleton<TimeProvider>(Clock);
        collection.AddSingleton(CurrencyCatalog.Default);
        collection.AddSelfValidatingOptions<RatesOptions>(configuration, RatesOptions.SectionName);
        collection.AddRates(configuration);
        services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        const string meter = RigMeterFactory.Prefix + PayoutMetrics.MeterName;
        Errors = new MetricCollector<long>(Meters, meter, "payout.rates.exchange.errors");
        Latency = new MetricCollector<double>(Meters, meter, "payout.rates.exchange.request.duration");
        Outliers = new MetricCollector<long>(Meters, meter, "payout.rates.outliers.dropped");
    }

    public FakeTimeProvider Clock { get; }

    public MetricCollector<long> Errors { get; }

    public MetricCollector<double> Latency { get; }

    public MetricCollector<long> Outliers { get; }

    public IRateSource Source => services.GetRequiredService<IRateSource>();

    public ExchangeRateSource ExchangeSource => services.GetRequiredService<ExchangeRateSource>();

    public ExchangeObservations Observations => services.GetRequiredService<ExchangeObservations>();

    private System.Diagnostics.Metrics.IMeterFactory Meters => services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();

    public IExchangeTicker Ticker(string exchange) => services.GetServices<IExchangeTicker>().Single(t => t.Name == exchange);

    /// <summary>Asks the exchange's ticker for one of our pairs, through its real HTTP client.</summary>
    public Task<TickerAnswer> FetchAsync(string exchange, string from = "BTC", string to = "EUR")
    {
        var ticker = Ticker(exchange);
        var symbol = ticker.SymbolFor(from, to) ?? throw new InvalidOperationException($"{exchange} does not list {from}/{to}.");
        return ticker.FetchAsync(symbol, CancellationToken.None);
    }

    /// <summary>What <c>payout_rates_age_seconds</c> reports for the pair now (a fresh gauge, past the scrape cache), or null.</summary>
    public double? RateAgeGauge(string from, string to)
    {
        using var meter = new System.Diagnostics.Metrics.Meter(RigMeterFactory.Prefix + "RateAge");
        ActivatorUtilities.CreateInstance<RateAgeGauge>(services).Register(meter);
        using var ages = new MetricCollector<double>(meter, "payout.rates.age");
        ages.RecordObservableInstruments();
        return ages.GetMeasurementSnapshot()
            .Where(m => Equals(m.Tags["currency_from"], from) && Equals(m.Tags["currency_to"], to))
            .Select(m => (double?)m.Value)
            .SingleOrDefault();
    }

    /// <summary>One poll round, awaited.</summary>
    public Task PollAsync() => services.GetRequiredService<ExchangeRatePoller>().PollOnceAsync(CancellationToken.None);

    public Task<MarketRate?> RateAsync(string from, string to) => Source.GetAsync(from, to, CancellationToken.None).AsTask();

    public void Dispose()
    {
        Errors.Dispose();
        Latency.Dispose();
        Outliers.Dispose();
        services.Dispose();
    }
}
