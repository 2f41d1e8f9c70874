using Microsoft.Extensions.DependencyInjection;
using Payout.Api.Features.Payouts.Network;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Security;

/// <summary>The service with a rate limit low enough to reach in a test and a network that can be made to answer garbage.</summary>
public sealed class SecurityApp : PayoutApp
{
    public const int PerCustomerPerMinute = 60;

    public HostileNetwork Network { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:PerCustomerPerMinute"] = PerCustomerPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddHttpClient(NetworkSetup.ClientName).AddHttpMessageHandler(Network.NewHandler);
        services.AddHttpClient(NetworkSetup.UnansweredClientName).AddHttpMessageHandler(Network.NewHandler);
    }
}
