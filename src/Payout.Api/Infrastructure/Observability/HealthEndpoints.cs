using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Money;
using Payout.Api.Features.Rates;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Infrastructure.Observability;

/// <summary>
/// <c>/health/live</c>: the process answers (no dependency is asked, so a database outage never restarts it).
/// <c>/health/ready</c>: the database answers and the rates are fresh, i.e. the service can quote; 503 otherwise.
/// Both answer JSON: <c>{"status", "totalDurationMs", "checks": {name: {"status", "description", "durationMs"}}}</c>.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string ReadyTag = "ready";

    /// <summary>A probe must answer promptly; a check still running by then counts as failed.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddPayoutHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddDbContextCheck<PayoutDbContext>("database", tags: [ReadyTag])
            .AddCheck<RatesFreshCheck>("rates", tags: [ReadyTag]);
        services.Configure<HealthCheckServiceOptions>(options =>
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
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync });
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync });
        return app;
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

/// <summary>
/// Healthy while the rate source's rate for the first configured pair is within <c>Rates:MaxAgeSeconds</c>:
/// the rule that decides whether a quote can be made (spec §6). One pair stands for the feed.
/// </summary>
internal sealed class RatesFreshCheck(IRateSource rates, CurrencyCatalog currencies, IOptions<RatesOptions> options, TimeProvider clock)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var pairs = RatePairs.Configured(currencies, settings).Take(1).ToList();
        if (pairs is not [var (from, to)])
        {
            return HealthCheckResult.Unhealthy("No pair has a configured rate.");
        }

        var rate = await rates.GetAsync(from, to, cancellationToken);
        var now = clock.GetUtcNow();
        if (rate is null)
        {
            return HealthCheckResult.Unhealthy((rates as IRateSourceDiagnostics)?.WhyUnavailable(from, to, now) is { } why
                ? $"The {from}/{to} rate is unavailable: {why}"
                : $"The rate source has no {from}/{to} rate.");
        }

        var age = string.Create(CultureInfo.InvariantCulture, $"The {from}/{to} rate is {(now - rate.ObservedAt).TotalSeconds:0} s old (at most {settings.MaxAgeSeconds} s).");
        return CustomerRates.IsFresh(rate, settings.MaxAge, now) ? HealthCheckResult.Healthy(age) : HealthCheckResult.Unhealthy(age);
    }
}
