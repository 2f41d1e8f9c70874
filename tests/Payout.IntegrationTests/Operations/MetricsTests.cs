using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Payout.IntegrationTests.Infrastructure;
using Payout.Sandbox;

namespace Payout.IntegrationTests.Operations;

/// <summary>
/// The business metrics reach the Prometheus scrape at <c>/metrics</c>. OpenTelemetry listens to meters by name,
/// so while other test apps run in the same process a scrape may include their measurements too: the counts
/// are checked as lower bounds. Gauges keep the last value any app reported, so this class runs alone
/// (<see cref="RateGaugesCollection"/>) and checks them exactly. (A real process has one host.)
/// </summary>
[Collection(RateGauges)]
public sealed partial class MetricsTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    public const string RateGauges = RateGaugesCollection.Name;

    [Fact]
    public async Task A_scrape_after_an_offer_is_created_and_executed_shows_the_business_metrics()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var paid = await app.PayAsync(client, await app.QuoteAsync(client, cardId, 100m));
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        // On a loaded machine execute may answer PENDING before the network's answer: SUCCESS is counted when it settles.
        var operationId = (await paid.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("operationId").GetInt64();
        Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(client, operationId)).GetProperty("status").GetString());
        // One payout the network never answers stays in flight; this app is the only one alive (see RateGaugesCollection).
        var unanswered = await app.PayOutAsync(client, await app.AddCardAsync(client, SandboxCards.NoAnswer), 50m);
        Assert.Equal("PENDING", unanswered.GetProperty("status").GetString());

        using var scraper = app.CreateClient();
        var scrape = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        var text = await scrape.Content.ReadAsStringAsync();

        Assert.True(Value(text, "payout_offers_created_total") >= 1, text);
        Assert.True(Value(text, "payout_payouts_total", "status=\"PENDING\"") >= 1, text);
        Assert.True(Value(text, "payout_payouts_total", "status=\"SUCCESS\"") >= 1, text);
        Assert.True(Value(text, "payout_settlement_batch_size_count") >= 1, text);
        if (TestDatabase.ProviderUnderTest == "Postgres")
        {
            // Executes go through the debit batcher on PostgreSQL only (SQLite has one writer).
            Assert.True(Value(text, "payout_execute_batch_size_count") >= 2, text);
        }

        Assert.Equal(1, Value(text, "payout_payouts_in_flight"));
        Assert.Equal(0, Value(text, "payout_rates_age_seconds", "currency_from=\"USDT\",currency_to=\"EUR\""));
        Assert.Contains("# TYPE payout_payouts_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE payout_payouts_in_flight gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE payout_settlement_batch_size histogram", text, StringComparison.Ordinal);
        // The framework's own metrics are there too, and the runtime's (a process that has run code has compiled some).
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.True(Value(text, "dotnet_jit_compilation_time_seconds_total") > 0, text);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter", text, StringComparison.Ordinal);
    }

    /// <summary>The value of the first sample of <paramref name="name"/> whose labels contain <paramref name="labels"/>.</summary>
    private static double Value(string scrape, string name, string labels = "")
    {
        var sample = Sample().Matches(scrape)
            .FirstOrDefault(m => m.Groups["name"].Value == name && m.Groups["labels"].Value.Contains(labels, StringComparison.Ordinal));
        Assert.True(sample is not null, $"No sample {name}{{{labels}}} in the scrape.");
        return double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
