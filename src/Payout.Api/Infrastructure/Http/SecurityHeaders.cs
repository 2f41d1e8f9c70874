using Microsoft.Net.Http.Headers;

namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// The headers every answer carries, written in one place just before the headers go out (so error answers, 404s
/// and 405s get them too): <c>X-Content-Type-Options: nosniff</c> (a browser never guesses an answer's type),
/// <c>Cache-Control: no-store</c> unless the endpoint chose its own (balances, cards and tokens must not be kept by a
/// proxy or a browser; nothing of the API is worth caching) and <c>X-Frame-Options: DENY</c>. Kestrel's <c>Server</c>
/// banner is switched off where Kestrel is configured (<c>ServiceSetup</c>).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>First in the pipeline, so nothing answers without them.</summary>
    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state => Write((HttpResponse)state), context.Response);
            return next(context);
        });
        return app;
    }

    /// <summary>Also called by endpoints that answer before the pipeline (<c>/health/live</c>).</summary>
    internal static Task Write(HttpResponse response)
    {
        var headers = response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.XFrameOptions] = "DENY";
        if (headers.CacheControl.Count == 0)
        {
            headers.CacheControl = "no-store";
        }

        return Task.CompletedTask;
    }
}
