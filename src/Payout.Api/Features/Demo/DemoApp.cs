using Payout.Api.Features.Console;

namespace Payout.Api.Features.Demo;

/// <summary>
/// <c>GET /</c>: with the demo data seeded, a small customer app (wwwroot/index.html and wwwroot/demo/) that signs in
/// as the demo customer and uses only the public API, like any merchant app; without it, a page pointing to the docs.
/// </summary>
public static class DemoApp
{
    public static IEndpointRouteBuilder MapDemoApp(this IEndpointRouteBuilder app)
    {
        var seeded = DemoOptions.SeedEnabled(app.ServiceProvider.GetRequiredService<IConfiguration>());
        app.MapGet("/", (IWebHostEnvironment environment) => StaticPages.Html(environment, seeded ? "demo/index.html" : "demo/no-demo.html"))
            .ExcludeFromDescription();
        return app;
    }
}
