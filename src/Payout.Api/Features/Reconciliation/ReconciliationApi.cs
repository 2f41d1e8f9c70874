using Payout.Api.Configuration;

namespace Payout.Api.Features.Reconciliation;

public static class ReconciliationApi
{
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<ReconciliationOptions>(configuration, ReconciliationOptions.SectionName);
        services.AddScoped<SettlementFileClient>();
        services.AddScoped<Reconciler>();
        services.AddHostedService<ReconciliationWorker>();
        return services;
    }

    /// <summary>Maps reconciliation on the operator group (its key check applies).</summary>
    public static RouteGroupBuilder MapReconciliationApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/reconciliation/{date}", ReconcileDay.GetAsync);
        admin.MapPost("/reconciliation/{date}", ReconcileDay.RunAsync);
        return admin;
    }
}
