using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using Payout.Api.Configuration;
using Payout.Api.Features.Payouts.Network;

namespace Payout.Api.Features.Reconciliation;

public static class ReconciliationApi
{
    public static IServiceCollection AddReconciliation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<ReconciliationOptions>(configuration, ReconciliationOptions.SectionName);
        // The payout network's client settings (key, timeouts, retries, circuit breaker), in a pipeline of its own:
        // a failing settlement file must not open the breaker that payouts go through.
        services.AddHttpClient(SettlementFileClient.ClientName, (sp, client) =>
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", sp.GetRequiredService<IOptions<PayoutNetworkOptions>>().Value.ApiKey);
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddResilienceHandler(SettlementFileClient.ClientName, NetworkSetup.ConfigureResilience);
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
