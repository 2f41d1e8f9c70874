using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Payout.Sandbox;

/// <summary>Checks set once on the route groups instead of in every handler.</summary>
internal static class SandboxFilters
{
    private const string BearerPrefix = "Bearer ";

    public static async ValueTask<object?> RequireApiKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var apiKey = http.RequestServices.GetRequiredService<IOptions<SandboxOptions>>().Value.ApiKey;
        if (!CarriesKey(http.Request.Headers.Authorization.ToString(), apiKey))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return SandboxResults.Error(
                StatusCodes.Status401Unauthorized, "UNAUTHORIZED", "Send the header Authorization: Bearer followed by the sandbox API key.");
        }

        return await next(context);
    }

    /// <summary>Runs before the key check: an unreachable network answers nothing about keys either.</summary>
    public static async ValueTask<object?> FailDuringOutage(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<Outage>().IsActive
            ? SandboxResults.Unavailable()
            : await next(context);

    private static bool CarriesKey(string authorization, string apiKey)
    {
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Hashing first gives both sides one length, so the comparison time says nothing about the key.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[BearerPrefix.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
