using Payout.Api.Configuration;

namespace Payout.Api.Infrastructure.Housekeeping;

public static class HousekeepingSetup
{
    /// <summary>The worker and its lease; the tables' owners register what is purged (<see cref="IHousekeepingPurge"/>).</summary>
    public static IServiceCollection AddHousekeeping(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<HousekeepingOptions>(configuration, HousekeepingOptions.SectionName);
        services.AddScoped<JobLeases>();
        services.AddSingleton<HousekeepingWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<HousekeepingWorker>());
        return services;
    }
}
