using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Payout.Api.Infrastructure.Http;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Infrastructure.Observability;

/// <summary>
/// <c>/health/live</c>: the process answers (no dependency is asked, so a database outage never restarts it).
/// <c>/health/ready</c>: the database answers and the features' ready checks pass (the rates are fresh), i.e. the
/// service can quote; 503 otherwise.
/// Both answer JSON: <c>{"status", "totalDurationMs", "checks": {name: {"status", "description", "durationMs"}}}</c>.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    /// <summary>Checks with this tag decide readiness; features add theirs (e.g. fresh rates).</summary>
    public const string ReadyTag = "ready";

    /// <summary>A probe must answer promptly; a check still running by then counts as failed.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddPayoutHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<PayoutDbContext>("database", tags: [ReadyTag]);
        // PostConfigure: after every feature has added its checks.
        services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations)
            {
                registration.Timeout = CheckTimeout;
            }
        });
        return services;
    }

    public static IEndpointRouteBuilder MapPayoutHealthChecks(this IEndpointRouteBuilder app)
    {
        // GET (and HEAD) only: a DELETE or TRACE on a probe is a 405, not a 200.
        var readOnly = new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]);
        // Liveness asks nothing, so its answer never changes: written from bytes made once, and short-circuited
        // right after routing (no authentication, rate limiter, idempotency or page headers run for a probe).
        app.MapMethods(LivePath, [HttpMethods.Get, HttpMethods.Head], WriteLiveAsync).ShortCircuit().ExcludeFromDescription();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync })
            .WithMetadata(readOnly);
        return app;
    }

    private static readonly byte[] LiveBody = JsonSerializer.SerializeToUtf8Bytes(
        new HealthBody(nameof(HealthStatus.Healthy), 0, new Dictionary<string, HealthEntry>()), Json);

    private static Task WriteLiveAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        // The pipeline's first middleware does not run for a short-circuited endpoint: its headers are written here.
        SecurityHeaders.Write(context.Response);
        context.Response.ContentLength = LiveBody.Length;
        return context.Response.Body.WriteAsync(LiveBody, context.RequestAborted).AsTask();
    }

    /// <summary>Descriptions only: an exception's text (a connection string, a host name) stays out of the answer.</summary>
    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        var body = new HealthBody(
            report.Status.ToString(),
            (long)report.TotalDuration.TotalMilliseconds,
            report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new HealthEntry(entry.Value.Status.ToString(), entry.Value.Description, (long)entry.Value.Duration.TotalMilliseconds)));
        return context.Response.WriteAsJsonAsync(body, Json, "application/json", context.RequestAborted);
    }

    private sealed record HealthBody(string Status, long TotalDurationMs, IReadOnlyDictionary<string, HealthEntry> Checks);

    private sealed record HealthEntry(string Status, string? Description, long DurationMs);
}
