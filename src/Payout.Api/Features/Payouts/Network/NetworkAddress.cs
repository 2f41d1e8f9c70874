using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Payout.Api.Features.Payouts.Network;

/// <summary>
/// Where the network is and where it should call us back. In the embedded mode both are this service's own
/// address (whatever <c>--urls</c> chose), found when the first request goes out.
/// </summary>
public sealed class NetworkAddress(IOptions<PayoutNetworkOptions> options, IServer server)
{
    private readonly PayoutNetworkOptions settings = options.Value;
    private Uri? self;

    public Uri Network(string relative) => new(NetworkBase(), relative);

    public Uri? Callback() => settings.CallbackUrl ?? new Uri(Self(), PayoutNetworkOptions.CallbackPath.TrimStart('/'));

    private Uri NetworkBase()
    {
        var configured = settings.BaseUrl ?? new Uri(Self(), PayoutNetworkOptions.EmbeddedPrefix.TrimStart('/'));
        // A trailing slash makes relative paths append instead of replacing the last segment.
        return configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
    }

    private Uri Self() => self ??= new Uri(
        server.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => a.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal))
            .FirstOrDefault() ?? "http://127.0.0.1:5080");
}
