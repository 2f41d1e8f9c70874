using Microsoft.Extensions.Options;
using Payout.Api.Configuration;
using Payout.Api.Domain.Rates;
using Payout.Api.Features.Rates.Exchanges;
using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Features.Rates;

public static class RatesSetup
{
    /// <summary>
    /// The rate source <c>Rates:Source</c> names — <c>Static</c> (the default, <see cref="ConfiguredRateSource"/>,
    /// calls nothing) or <c>Exchanges</c> (the exchanges' median, polled in the background) — its freshness check,
    /// its gauge and the EUR reference rate of the KYC limit.
    /// </summary>
    public static IServiceCollection AddRates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<ExchangeRatesOptions>(configuration, ExchangeRatesOptions.SectionName)
            .Validate<IOptions<RatesOptions>>(
                (live, rates) => !live.IsLive || live.Exchanges.PollIntervalSeconds < rates.Value.MaxAgeSeconds,
                "Rates:Exchanges:PollIntervalSeconds must be less than Rates:MaxAgeSeconds, or every rate is stale before it is asked again.");

        var source = configuration.GetSection(ExchangeRatesOptions.SectionName).GetValue<RateSourceKind?>(nameof(ExchangeRatesOptions.Source));
        if (source == RateSourceKind.Exchanges)
        {
            services.AddExchangeRates();
        }
        else
        {
            services.AddSingleton<IRateSource, ConfiguredRateSource>();
        }

        services.AddSingleton<LimitReferenceRate>();
        services.AddSingleton<IBusinessGauge, RateAgeGauge>();
        services.AddHealthChecks().AddCheck<RatesFreshCheck>("rates", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}
