using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payout.Api.Domain.Rates;
using Payout.Api.Features.Rates;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Operations;

/// <summary>A rate feed that has gone quiet: every rate it has is one second older than the service accepts.</summary>
public sealed class StaleRatesApp : PayoutApp
{
    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<IRateSource>();
        services.AddSingleton<IRateSource>(sp => new Stale(ActivatorUtilities.CreateInstance<ConfiguredRateSource>(sp), Clock));
    }

    private sealed class Stale(IRateSource inner, TimeProvider clock) : IRateSource
    {
        public async ValueTask<MarketRate?> GetAsync(string from, string to, CancellationToken ct) =>
            await inner.GetAsync(from, to, ct) is { } rate ? rate with { ObservedAt = clock.GetUtcNow().AddSeconds(-61) } : null;
    }
}

[Collection(SharedAppCollection.Name)]
public sealed class HealthTests(PayoutApp app)
{
    [Fact]
    public async Task Live_answers_healthy_json_without_asking_any_dependency()
    {
        var (status, body) = await GetAsync(app, "/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task Ready_is_healthy_when_the_database_answers_and_the_rates_are_fresh()
    {
        var (status, body) = await GetAsync(app, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        var checks = body.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("rates").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("totalDurationMs").ValueKind);
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(PayoutApp app, string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement);
    }
}

// Not beside MetricsTests: its stale rate would show in that class's scrape (meters are listened to by name).
[Collection(MetricsTests.RateGauges)]
public sealed class StaleRatesHealthTests(StaleRatesApp app) : IClassFixture<StaleRatesApp>
{
    [Fact]
    public async Task Ready_is_503_when_the_rates_are_stale_while_live_stays_healthy()
    {
        var (status, body) = await HealthTests.GetAsync(app, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        var rates = body.GetProperty("checks").GetProperty("rates");
        Assert.Equal("Unhealthy", rates.GetProperty("status").GetString());
        Assert.Contains("61 s old", rates.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await HealthTests.GetAsync(app, "/health/live")).Status);
    }
}
