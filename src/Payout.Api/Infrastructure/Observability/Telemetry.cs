using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Infrastructure.Observability;

/// <summary>
/// Logs, traces and metrics. Logs are one JSON object per line on the console, with the request's scope
/// (<c>RequestId</c>, <c>RequestPath</c>) and the trace (<c>TraceId</c>, <c>SpanId</c>) on every line written
/// during a request. Traces and metrics use OpenTelemetry; metrics are scraped at <c>/metrics</c> (Prometheus
/// text), and everything goes to an OTLP collector too when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class Telemetry
{
    public const string ServiceName = "payout-api";
    public const string MetricsPath = "/metrics";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The meter the .NET runtime publishes its own metrics on (<c>dotnet.gc.*</c>, <c>dotnet.jit.*</c>, <c>dotnet.thread_pool.*</c>, …).</summary>
    public const string RuntimeMeterName = "System.Runtime";

    public static IHostApplicationBuilder AddPayoutTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Logging.AddJsonConsole(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        });
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        builder.Services.AddSingleton<PayoutMetrics>();

        var postgres = builder.Configuration.ReadDatabaseOptions().Provider == DatabaseProvider.Postgres;
        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation();
                metrics.AddHttpClientInstrumentation();
                metrics.AddMeter(PayoutMetrics.MeterName);
                // The runtime's own meter: GC, JIT, thread pool, lock contention, exceptions. A process still compiling its
                // hot code (the first minute under load) or starving its thread pool shows here before it shows in latency.
                metrics.AddMeter(RuntimeMeterName);
                if (postgres)
                {
                    metrics.AddNpgsqlInstrumentation();
                }

                metrics.AddPrometheusExporter();
            });

        // Spans only when they go somewhere: without a collector they were built for every request and database
        // command and then dropped. Logs keep their TraceId and SpanId either way (ASP.NET Core starts the request's
        // activity for logging, and continues an incoming traceparent, without OpenTelemetry).
        if (exporting)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(aspNet => aspNet.Filter = context => !IsPlumbing(context.Request.Path));
                tracing.AddHttpClientInstrumentation();
                // One span per database command: Npgsql's own on PostgreSQL (it knows the server), EF Core's on SQLite.
                if (postgres)
                {
                    tracing.AddNpgsql();
                }
                else
                {
                    tracing.AddEntityFrameworkCoreInstrumentation();
                }
            });
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Maps <c>/metrics</c> and creates the business instruments, so they are scraped from the start.</summary>
    public static IEndpointRouteBuilder MapPayoutMetrics(this IEndpointRouteBuilder app)
    {
        _ = app.ServiceProvider.GetRequiredService<PayoutMetrics>();
        // GET (and HEAD) only: another method is a 405, not a scrape.
        app.MapPrometheusScrapingEndpoint(MetricsPath).WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        return app;
    }

    /// <summary>Scrapes, probes and docs are not traced: they would drown the requests that matter.</summary>
    private static bool IsPlumbing(PathString path) =>
        path.StartsWithSegments(MetricsPath) || path.StartsWithSegments("/health")
        || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/docs");
}
