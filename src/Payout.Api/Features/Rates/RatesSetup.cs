using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Features.Rates;

public static class RatesSetup
{
    /// <summary>The configured rate source (a live feed can replace it), its freshness check and its gauge.</summary>
    public static IServiceCollection AddRates(this IServiceCollection services)
    {
        services.AddSingleton<IRateSource, ConfiguredRateSource>();
        services.AddSingleton<IBusinessGauge, RateAgeGauge>();
        services.AddHealthChecks().AddCheck<RatesFreshCheck>("rates", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
