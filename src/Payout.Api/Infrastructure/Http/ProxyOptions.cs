using System.Net;
using Payout.Api.Domain;

namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// Section <c>ForwardedHeaders</c>: the reverse proxies in front of the service whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed. Off by default: a header anyone can send must not decide whose rate limit a
/// request counts against.
/// </summary>
public sealed class ProxyOptions : ISelfValidatingOptions
{
    public const string SectionName = "ForwardedHeaders";

    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR form, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row may add an address (the entries of X-Forwarded-For read from the right).</summary>
    public int ForwardLimit { get; set; } = 1;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enabled)
        {
            return errors;
        }

        if (KnownProxies.Count + KnownNetworks.Count == 0)
        {
            errors.Add("ForwardedHeaders:KnownProxies or ForwardedHeaders:KnownNetworks must name the proxies when ForwardedHeaders:Enabled is true.");
        }

        errors.AddRange(KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Select(p => $"ForwardedHeaders:KnownProxies: '{p}' is not an IP address."));
        errors.AddRange(KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _))
            .Select(n => $"ForwardedHeaders:KnownNetworks: '{n}' is not a network in CIDR form (10.0.0.0/24)."));
        if (ForwardLimit is < 1 or > 10)
        {
            errors.Add("ForwardedHeaders:ForwardLimit must be between 1 and 10.");
        }

        return errors;
    }
}
