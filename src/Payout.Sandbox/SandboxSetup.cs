using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Payout.Sandbox;

/// <summary>
/// Registers and mounts the sandbox network. The stand-alone app calls both with prefix ""; Payout.Api can
/// host it in-process under a prefix such as <c>/sandbox-network</c>.
/// </summary>
public static class SandboxSetup
{
    /// <summary>The named <see cref="HttpClient"/> for callbacks; tests replace its primary handler.</summary>
    public const string CallbackClientName = "sandbox-callbacks";

    /// <param name="section">The <c>Sandbox</c> configuration section (e.g. <c>configuration.GetSection("Sandbox")</c>).</param>
    public static IServiceCollection AddPayoutSandbox(this IServiceCollection services, IConfiguration section)
    {
        services.TryAddSingleton(TimeProvider.System);
        // TryAdd: calling this twice must not report every options error twice nor start two workers.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SandboxOptions>, SandboxOptionsValidator>());
        services.AddOptions<SandboxOptions>().Bind(section).ValidateOnStart();
        services.TryAddSingleton<SandboxJobs>();
        services.TryAddSingleton<PayoutStore>();
        services.TryAddSingleton<Outage>();
        services.TryAddSingleton<CallbackSender>();
        services.TryAddSingleton<SettlementFiles>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SandboxWorker>());
        // HttpClient.Timeout counts real time, not the TimeProvider's: a stuck receiver costs one attempt, not the worker.
        services.AddHttpClient(CallbackClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }

    /// <summary>Maps the protocol of README.md under <paramref name="prefix"/> and answers the group for further conventions.</summary>
    public static RouteGroupBuilder MapPayoutSandbox(this IEndpointRouteBuilder app, string prefix = "")
    {
        var sandbox = app.MapGroup(prefix);

        var network = sandbox.MapGroup("/v1")
            .AddEndpointFilter(SandboxFilters.FailDuringOutage)
            .AddEndpointFilter(SandboxFilters.RequireApiKey);
        network.MapPost("/payouts", SandboxEndpoints.CreatePayoutAsync);
        network.MapGet("/payouts/{payoutId}", SandboxEndpoints.GetPayoutAsync);
        network.MapPost("/eligibility", (Delegate)SandboxEndpoints.CheckEligibilityAsync);
        network.MapGet("/settlements/{date}", SettlementEndpoints.GetFile);

        // Admin calls work during an outage: they are how a test ends it and inspects what was recorded.
        var admin = sandbox.MapGroup("/v1/admin").AddEndpointFilter(SandboxFilters.RequireApiKey);
        admin.MapGet("/payouts", SandboxEndpoints.ListPayouts);
        admin.MapPost("/outage", SandboxEndpoints.StartOutageAsync);
        admin.MapDelete("/outage", SandboxEndpoints.EndOutage);
        admin.MapPost("/settlements/{date}/adjustments", SettlementEndpoints.PlantAsync);
        admin.MapDelete("/settlements/{date}/adjustments", SettlementEndpoints.Clear);
        return sandbox;
    }
}
