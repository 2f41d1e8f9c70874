using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Operations;

/// <summary>
/// The business metrics reach the Prometheus scrape at <c>/metrics</c>. OpenTelemetry listens to meters by name,
/// so while other test apps run in the same process a scrape may include their measurements too: the counts
/// are checked as lower bounds. (A real process has one host.)
/// </summary>
public sealed partial class MetricsTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    [Fact]
    public async Task A_scrape_after_an_offer_is_created_and_executed_shows_the_business_metrics()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var offer = await app.OfferAsync(client, cardId, 100m);
        var paid = await app.PayAsync(client, offer.GetProperty("offerId").GetInt64());
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        // On a loaded machine execute may answer PENDING; SUCCESS is counted when the payout settles.
        var operationId = (await paid.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("operationId").GetInt64();
        Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(client, operationId)).GetProperty("status").GetString());

        using var scraper = app.CreateClient();
        var scrape = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        var text = await scrape.Content.ReadAsStringAsync();

        Assert.True(Value(text, "payout_offers_created_total") >= 1, text);
        Assert.True(Value(text, "payout_payouts_total", "status=\"PENDING\"") >= 1, text);
        Assert.True(Value(text, "payout_payouts_total", "status=\"SUCCESS\"") >= 1, text);
        Assert.True(Value(text, "payout_payouts_in_flight") >= 0, text);
        Assert.Equal(0, Value(text, "payout_rates_age_seconds", "currency_from=\"USDT\",currency_to=\"EUR\""));
        Assert.Contains("# TYPE payout_payouts_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE payout_payouts_in_flight gauge", text, StringComparison.Ordinal);
        // The framework's own metrics are there too.
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
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
