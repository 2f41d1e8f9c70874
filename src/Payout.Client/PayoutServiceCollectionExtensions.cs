using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Payout.Client;

/// <summary>Registers the clients with <c>IHttpClientFactory</c>.</summary>
public static class PayoutServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PayoutClient"/> as a typed HTTP client and one <see cref="PayoutSession"/> (singleton)
    /// for the signed-in customer. Returns the builder, so the app can add handlers (resilience, logging).
    /// </summary>
    /// <example><code>
    /// services.AddPayoutClient(o =>
    /// {
    ///     o.BaseAddress = new Uri("https://payout.example.com/");
    ///     o.MerchantId = merchantId;
    /// });
    /// </code></example>
    public static IHttpClientBuilder AddPayoutClient(this IServiceCollection services, Action<PayoutClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PayoutClientOptions>().Configure(configure);
        services.TryAddSingleton(_ => new PayoutSession());
        return services.AddHttpClient<PayoutClient, PayoutClient>((httpClient, provider) => new PayoutClient(
            httpClient,
            provider.GetRequiredService<IOptions<PayoutClientOptions>>().Value,
            provider.GetRequiredService<PayoutSession>()));
    }

    /// <summary>Registers <see cref="PayoutAdminClient"/> as a typed HTTP client for back-office hosts.</summary>
    public static IHttpClientBuilder AddPayoutAdminClient(this IServiceCollection services, Action<PayoutAdminClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PayoutAdminClientOptions>().Configure(configure);
        return services.AddHttpClient<PayoutAdminClient, PayoutAdminClient>((httpClient, provider) => new PayoutAdminClient(
            httpClient, provider.GetRequiredService<IOptions<PayoutAdminClientOptions>>().Value));
    }

    /// <summary>Registers <see cref="PayoutEventsClient"/> as a typed HTTP client for a merchant's backend.</summary>
    public static IHttpClientBuilder AddPayoutEventsClient(this IServiceCollection services, Action<PayoutEventsClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<PayoutEventsClientOptions>().Configure(configure);
        return services.AddHttpClient<PayoutEventsClient, PayoutEventsClient>((httpClient, provider) => new PayoutEventsClient(
            httpClient, provider.GetRequiredService<IOptions<PayoutEventsClientOptions>>().Value));
    }
}
