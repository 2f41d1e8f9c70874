using Microsoft.Extensions.Options;
using Payout.Api.Features.Demo;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api;

/// <summary>
/// Migrates (when configured) and seeds the demo data before the service takes requests. Here, beside
/// <see cref="ServiceSetup"/>, because it composes the persistence layer with a feature (the demo seed).
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services, IOptions<DatabaseOptions> options, IConfiguration configuration)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStart)
        {
            await DatabaseSetup.MigrateAsync(services, cancellationToken);
        }

        if (DemoOptions.SeedEnabled(configuration))
        {
            await DemoSeed.SeedAsync(services, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
