using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payout.Api.Domain.Rates;
using Payout.Api.Features.Rates;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Security;

/// <summary>
/// The service as it runs in production: the Production environment, on Kestrel on a loopback port (so the headers are
/// the ones a client really gets), with a rate source that throws — a bug, to see what a 500 looks like. The check of
/// answered codes against the document is left out here: this app answers 500 on purpose.
/// </summary>
public sealed class ProductionApp : PayoutApp
{
    protected override void StartHost()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<IRateSource>();
        services.AddSingleton<IRateSource, BrokenRateSource>();
        foreach (var check in services.Where(s => s.ImplementationInstance is AnsweredErrors).ToList())
        {
            services.Remove(check);
        }
    }

    private sealed class BrokenRateSource : IRateSource
    {
        public ValueTask<MarketRate?> GetAsync(string from, string to, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("Rate feed exploded at C:\\secret\\path with password=hunter2");
    }
}
