using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Payout.Api.Infrastructure.Errors;

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// Holds the service to its OpenAPI document: every (route, method, status, error code) the service answers in a test
/// must be listed in the committed <c>docs/openapi.json</c> under that operation and status. An undocumented answer
/// fails the request that got it, so the test that sent it fails with the reason (xunit only prints a class fixture's
/// cleanup failure, it does not fail the run). Answers are also kept for a last look when the app is disposed, which
/// sees requests no test awaited, such as the network's callbacks. Registered in the test host only, outermost.
/// </summary>
public sealed class AnsweredErrors : IStartupFilter
{
    private readonly ConcurrentDictionary<(string Route, string Method, int Status, string Code), bool> answered = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            await nextMiddleware(context);
            if (Record(context) is { } undocumented)
            {
                throw new UndocumentedErrorException(
                    $"{undocumented} is not in docs/openapi.json: declare the code on the handler (or gate) and regenerate the document.");
            }
        });
        next(app);
    };

    /// <summary>Each answered code that the committed document does not list for its operation and status.</summary>
    public IReadOnlyList<string> Undocumented() =>
        [.. answered.Keys
            .Where(a => !CommittedOpenApi.Documents(a.Route, a.Method, a.Status, a.Code))
            .Select(a => $"{a.Method} {a.Route} answered {a.Status} {a.Code}")
            .Order(StringComparer.Ordinal)];

    /// <returns>The answer, described, when the document does not list it; otherwise null.</returns>
    private string? Record(HttpContext context)
    {
        if (AnsweredError.Of(context) is not { } code)
        {
            return null;
        }

        // After an exception the handler clears the endpoint; its feature keeps the one that was running.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        // Routes the document leaves out on purpose (probes, metrics, the document itself) have no answers to compare;
        // that every other route is in the document is OpenApiDocumentTests' business.
        if (endpoint is RouteEndpoint { RoutePattern.RawText: { } route } routeEndpoint
            && routeEndpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true }
            && CommittedOpenApi.DocumentsPath(route))
        {
            var answer = (Route: route, context.Request.Method, Status: context.Response.StatusCode, Code: code.ToString());
            answered.TryAdd(answer, true);
            return CommittedOpenApi.Documents(answer.Route, answer.Method, answer.Status, answer.Code)
                ? null
                : $"{answer.Method} {answer.Route} answered {answer.Status} {answer.Code}";
        }

        return null;
    }

    private sealed class UndocumentedErrorException(string message) : Exception(message);
}
