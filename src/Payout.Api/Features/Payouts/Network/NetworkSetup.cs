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
    /// <summary>The network's client for fresh work: sends, pending payouts' status, card eligibility. A circuit breaker guards it.</summary>
    public const string ClientName = "payout-network";

    /// <summary>
    /// The client for payouts whose last attempt went unanswered: no circuit breaker, each payout's own backoff paces it.
    /// A payout the network never answers must not open the circuit on everyone else's payouts (docs/decisions.md).
    /// </summary>
    public const string UnansweredClientName = "payout-network-unanswered";

    /// <summary>The keyed <see cref="IPayoutNetwork"/> that talks through <see cref="UnansweredClientName"/>.</summary>
    public const string UnansweredLane = "unanswered";

    /// <summary>How long an open circuit refuses calls before it lets one through to try.</summary>
    public static readonly TimeSpan CircuitBreakDuration = TimeSpan.FromSeconds(5);

    /// <summary>The largest answer read from the network.</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    /// <summary>The network's HTTP clients (payouts and card eligibility) and, by default, the sandbox network embedded.</summary>
    public static IServiceCollection AddPayoutNetwork(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PayoutNetworkOptions>().BindConfiguration(PayoutNetworkOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NetworkAddress>();
        services.AddHttpClient<HttpPayoutNetwork>(ClientName, ConfigureClient)
            .AddResilienceHandler(ClientName, ConfigureResilience);
        services.AddHttpClient(UnansweredClientName, ConfigureClient)
            .AddResilienceHandler(UnansweredClientName, (builder, context) => ConfigureResilience(builder, context, withCircuitBreaker: false));
        services.AddTransient<IPayoutNetwork>(sp => sp.GetRequiredService<HttpPayoutNetwork>());
        services.AddKeyedTransient<IPayoutNetwork>(UnansweredLane, (sp, _) => new HttpPayoutNetwork(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(UnansweredClientName), sp.GetRequiredService<NetworkAddress>(),
            sp.GetRequiredService<ILogger<HttpPayoutNetwork>>()));
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
    /// A circuit breaker stops fresh work hammering a network that is down; a refused call is not an attempt (the dispatcher
    /// tries it again after the break). Delays and timeouts run on the real clock.
    /// </summary>
    internal static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context) =>
        ConfigureResilience(builder, context, withCircuitBreaker: true);

    private static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context, bool withCircuitBreaker)
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
            });
        if (withCircuitBreaker)
        {
            builder.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                SamplingDuration = TimeSpan.FromSeconds(30),
                MinimumThroughput = 20,
                FailureRatio = 0.8,
                BreakDuration = CircuitBreakDuration,
            });
        }

        builder.AddTimeout(TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds));
    }

    private static void ConfigureClient(IServiceProvider services, HttpClient client)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", services.GetRequiredService<IOptions<PayoutNetworkOptions>>().Value.ApiKey);
        // The resilience pipeline owns every timeout.
        client.Timeout = Timeout.InfiniteTimeSpan;
        // An answer is a few hundred bytes; a huge one is refused while it is read (and counts as no answer).
        client.MaxResponseContentBufferSize = MaxAnswerBytes;
    }

    private static bool IsRefusedOrUnreached(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: TimeoutRejectedException } => false,
        { Exception: HttpRequestException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };
}
