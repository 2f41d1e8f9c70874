using Payout.Api.Domain.Limits;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Pricing;
using Payout.Api.Domain.Rates;

namespace Payout.Api.Configuration;

public static class BusinessRulesSetup
{
    /// <summary>The settings of the domain's rules, bound from configuration and checked at start: currencies, fees, limits, rates, the slippage band's cap.</summary>
    public static IServiceCollection AddBusinessRules(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(CurrencyCatalog.Default);
        services.AddSelfValidatingOptions<PayoutOptions>(configuration, PayoutOptions.SectionName);
        services.AddSelfValidatingOptions<FeeOptions>(configuration, FeeOptions.SectionName);
        services.AddSelfValidatingOptions<RatesOptions>(configuration, RatesOptions.SectionName);
        services.AddSelfValidatingOptions<SlippageOptions>(configuration, SlippageOptions.SectionName);
        return services;
    }
}
