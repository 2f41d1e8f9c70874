using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using Polly.Timeout;

namespace Payout.Api.Features.Rates.Exchanges;

public static class ExchangeRatesSetup
{
    /// <summary>The live source, its poller and one HTTP client with its own resilience pipeline per exchange.</summary>
    public static IServiceCollection AddExchangeRates(this IServiceCollection services)
    {
        services.AddSingleton<ExchangeObservations>();
        services.AddSingleton<ExchangeRateMetrics>();
        services.AddSingleton<ExchangeRateSource>();
        services.AddSingleton<IRateSource>(sp => sp.GetRequiredService<ExchangeRateSource>());
        services.AddSingleton<ExchangeRatePoller>();
        services.AddHostedService(sp => sp.GetRequiredService<ExchangeRatePoller>());

        AddExchange<KrakenTicker>(services, ExchangeNames.Kraken);
        AddExchange<CoinbaseTicker>(services, ExchangeNames.Coinbase);
        AddExchange<BitstampTicker>(services, ExchangeNames.Bitstamp);
        AddExchange<BinanceTicker>(services, ExchangeNames.Binance);
        return services;
    }

    private static void AddExchange<TTicker>(IServiceCollection services, string name)
        where TTicker : class, IExchangeTicker
    {
        services.AddSingleton<IExchangeTicker, TTicker>();
        services.AddHttpClient(TickerHttp.ClientName(name), (sp, client) =>
            {
                var settings = sp.GetRequiredService<IOptions<ExchangeRatesOptions>>().Value.Exchanges;
                client.BaseAddress = settings.ByName[name].BaseUri;
                // The pipeline times each attempt; this only bounds a body that trickles in after its headers.
                client.Timeout = TimeSpan.FromMilliseconds(2 * settings.RequestTimeoutMilliseconds + 1_000);
                client.MaxResponseContentBufferSize = TickerHttp.MaxAnswerBytes;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("PayOut-rates/1.0");
                client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            })
            // Dozens of requests every few seconds: the metrics and the poller's state changes say enough.
            .RemoveAllLoggers()
            .AddResilienceHandler(TickerHttp.ClientName(name), ConfigureResilience);
    }

    /// <summary>
    /// A ticker GET is safe to repeat, but the next poll is the real retry: one quick retry of a connection
    /// failure or 5xx, none of a timeout (the round must stay short) nor of a rate limit (the poller rests the
    /// exchange instead). A circuit breaker per exchange stops a dead exchange from costing a request per pair per
    /// round. Delays and timeouts run on the real clock.
    /// </summary>
    private static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var settings = context.ServiceProvider.GetRequiredService<IOptions<ExchangeRatesOptions>>().Value.Exchanges;
        builder.TimeProvider = TimeProvider.System;
        // A dead exchange would log a retry and a failed attempt per pair per round: Polly's events go to Debug here.
        builder.ConfigureTelemetry(new TelemetryOptions(context.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value)
        {
            SeverityProvider = _ => ResilienceEventSeverity.Debug,
        });
        builder
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 1,
                BackoffType = DelayBackoffType.Constant,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                ShouldHandle = args => ValueTask.FromResult(IsRefusedOrUnreached(args.Outcome)),
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                SamplingDuration = TimeSpan.FromSeconds(30),
                MinimumThroughput = 10,
                FailureRatio = 0.9,
                BreakDuration = TimeSpan.FromSeconds(settings.BreakSeconds),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TimeoutRejectedException || IsRefusedOrUnreached(args.Outcome)),
            })
            .AddTimeout(TimeSpan.FromMilliseconds(settings.RequestTimeoutMilliseconds));
    }

    private static bool IsRefusedOrUnreached(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };
}
