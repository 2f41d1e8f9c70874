using Microsoft.Net.Http.Headers;

namespace Payout.Api.Features.Console;

/// <summary>
/// The console's and the demo app's pages and their headers. Both are plain files from wwwroot; the
/// Content-Security-Policy allows scripts, styles and requests from this origin only — no inline script, no CDN.
/// </summary>
public static class StaticPages
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Serves wwwroot's files and sets the page headers on the console's and the demo app's paths.</summary>
    public static WebApplication UseStaticPages(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (IsPagePath(context.Request.Path))
            {
                var headers = context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
            }

            return next(context);
        });
        app.UseStaticFiles();
        return app;
    }

    public static IResult Html(IWebHostEnvironment environment, string file) =>
        Results.File(environment.WebRootFileProvider.GetFileInfo(file).CreateReadStream(), "text/html; charset=utf-8");

    private static bool IsPagePath(PathString path) =>
        path == "/" || path.StartsWithSegments(ConsoleApi.Path) || path.StartsWithSegments("/demo");
}
