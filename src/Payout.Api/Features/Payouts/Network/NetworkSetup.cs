using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Payout.Api.Features.Cards;
using Payout.Api.Infrastructure.Http;
using Payout.Sandbox;
using Polly;
using Polly.Timeout;

namespace Payout.Api.Features.Payouts.Network;

public static class NetworkSetup
{
    public const string ClientName = "payout-network";

    /// <summary>The largest answer read from the network.</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    /// <summary>The network's HTTP client (payouts and card eligibility) and, by default, the sandbox network embedded.</summary>
    public static IServiceCollection AddPayoutNetwork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PayoutNetworkOptions>().BindConfiguration(PayoutNetworkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NetworkAddress>();
        services.AddHttpClient<HttpPayoutNetwork>(ClientName, (sp, client) =>
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sp.GetRequiredService<IOptions<PayoutNetworkOptions>>().Value.ApiKey);
                // The resilience pipeline owns every timeout.
                client.Timeout = Timeout.InfiniteTimeSpan;
                // An answer is a few hundred bytes; a huge one is refused while it is read (and counts as no answer).
                client.MaxResponseContentBufferSize = MaxAnswerBytes;
            })
            .AddResilienceHandler("payout-network", ConfigureResilience);
        services.AddTransient<IPayoutNetwork>(sp => sp.GetRequiredService<HttpPayoutNetwork>());
        services.AddTransient<ICardEligibility>(sp => sp.GetRequiredService<HttpPayoutNetwork>());

        if (configuration.GetSection(PayoutNetworkOptions.Section).Get<PayoutNetworkOptions>()?.Mode is null or NetworkMode.Embedded)
        {
            services.AddPayoutSandbox(configuration.GetSection("Sandbox"));
        }

        return services;
    }

    public static IEndpointRouteBuilder MapPayoutNetwork(this IEndpointRouteBuilder app)
    {
        app.MapPost(PayoutNetworkOptions.CallbackPath, NetworkCallbacks.HandleAsync).WithTags("Network").DisableAntiforgery()
            .Accepts<NetworkCallbacks.StatusUpdate>("application/json");
        if (app.ServiceProvider.GetRequiredService<IOptions<PayoutNetworkOptions>>().Value.Mode == NetworkMode.Embedded)
        {
            app.MapPayoutSandbox(PayoutNetworkOptions.EmbeddedPrefix).WithTags("Sandbox network").ExcludeFromDescription()
                .WithMetadata(OtherProtocol.Instance);
        }

        return app;
    }

    /// <summary>
    /// Retries with exponential backoff and jitter only what the network refused (5xx, 408, 429) or what never
    /// reached it (connection failures): a send is safe to repeat because the network deduplicates by our
    /// operation id. A timed-out attempt is NOT retried here — the dispatcher asks for the status first.
    /// A circuit breaker stops hammering a network that is down. Delays and timeouts run on the real clock.
    /// </summary>
    internal static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var settings = context.ServiceProvider.GetRequiredService<IOptions<PayoutNetworkOptions>>().Value;
        // Timeouts and backoff are latency, not business time: never the service's (possibly fake) clock.
        builder.TimeProvider = TimeProvider.System;
        builder
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, settings.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = args => ValueTask.FromResult(settings.MaxRetries > 0 && IsRefusedOrUnreached(args.Outcome)),
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                SamplingDuration = TimeSpan.FromSeconds(30),
                MinimumThroughput = 20,
                FailureRatio = 0.8,
                BreakDuration = TimeSpan.FromSeconds(5),
            })
            .AddTimeout(TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds));
    }

    private static bool IsRefusedOrUnreached(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => false,
        { Exception: HttpRequestException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };
}
