using Microsoft.Extensions.Options;
using Payout.Api.Features.Demo;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>Migrates (when configured) and seeds the demo data before the service takes requests.</summary>
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
