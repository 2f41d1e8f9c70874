using Payout.Api.Configuration;

namespace Payout.Api.Features.Ledger;

public static class LedgerSetup
{
    /// <summary>Writing, reading and checking the ledger, and the transfers that cross its boundary.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<LedgerOptions>(configuration, LedgerOptions.SectionName);
        services.AddSingleton<HouseShardPicker>();
        services.AddScoped<LedgerWriter>();
        services.AddScoped<LedgerReader>();
        services.AddScoped<LedgerInvariant>();
        services.AddScoped<ExternalTransfers>();
        return services;
    }
}
