using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Operations;

/// <summary>
/// Every request arrives from the peer named in the test's <c>X-Test-Peer</c> header, else from <see cref="Proxy"/>: the
/// test server has no socket, so this stands in for the address the connection came from.
/// </summary>
public abstract class PeerAddressApp : PayoutApp
{
    public const string Proxy = "10.0.0.5";
    public const string PeerHeader = "X-Test-Peer";
    public const int Limit = 3;

    protected abstract bool TrustProxy { get; }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:TokenPerAddressPerMinute"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ForwardedHeaders:Enabled"] = TrustProxy ? "true" : "false",
        ["ForwardedHeaders:KnownProxies:0"] = Proxy,
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IStartupFilter>(new PeerAddress());

    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(context.Request.Headers[PeerHeader].FirstOrDefault() ?? Proxy);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class TrustedProxyApp : PeerAddressApp
{
    protected override bool TrustProxy => true;
}

public sealed class UntrustedProxyApp : PeerAddressApp
{
    protected override bool TrustProxy => false;
}

public sealed class TrustedProxyTests(TrustedProxyApp app) : IClassFixture<TrustedProxyApp>
{
    [Fact]
    public async Task Behind_a_trusted_proxy_each_forwarded_client_has_its_own_sign_in_limit()
    {
        for (var i = 0; i < PeerAddressApp.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(app, forwardedFor: "203.0.113.10")).StatusCode);
        }

        await (await SignInAsync(app, forwardedFor: "203.0.113.10")).AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(app, forwardedFor: "203.0.113.11")).StatusCode);
    }

    [Fact]
    public async Task A_sender_that_is_not_a_known_proxy_cannot_choose_its_address_with_the_header()
    {
        for (var i = 0; i < PeerAddressApp.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(app, forwardedFor: $"198.51.100.{i}", peer: "192.0.2.99")).StatusCode);
        }

        await (await SignInAsync(app, forwardedFor: "198.51.100.200", peer: "192.0.2.99")).AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
    }

    internal static async Task<HttpResponseMessage> SignInAsync(PayoutApp app, string forwardedFor, string? peer = null)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "mobile_phone",
                ["number"] = app.NewPhone(),
                ["password"] = "not-the-password",
            }),
        };
        request.Headers.Add("X-Merchant-ID", TestCustomer.MerchantId);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (peer is not null)
        {
            request.Headers.Add(PeerAddressApp.PeerHeader, peer);
        }

        return await client.SendAsync(request);
    }
}

public sealed class UntrustedProxyTests(UntrustedProxyApp app) : IClassFixture<UntrustedProxyApp>
{
    [Fact]
    public async Task Off_by_default_the_forwarded_header_changes_nobody_s_limit()
    {
        for (var i = 0; i < PeerAddressApp.Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TrustedProxyTests.SignInAsync(app, forwardedFor: $"203.0.113.{i}")).StatusCode);
        }

        await (await TrustedProxyTests.SignInAsync(app, forwardedFor: "203.0.113.99")).AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
    }
}
