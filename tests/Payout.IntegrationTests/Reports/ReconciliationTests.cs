using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Reports;

/// <summary>
/// Reconciliation of our settled payouts with the sandbox network's settlement file of a day, through
/// <c>/admin/v1/reconciliation/{date}</c> and the background job. Each test works in a UTC day of its own.
/// </summary>
public sealed class ReconciliationTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    [Fact]
    public async Task A_day_with_every_sandbox_card_matches_the_networks_file()
    {
        var day = app.StartNextDay();
        var (_, client, _) = await app.PayingCustomerAsync("USDT", deposit: 1_000m);

        await SandboxCardPayouts.PayWithEveryCardAsync(app, client, 100m);
        var result = await RunAsync(day);

        Assert.Equal("MATCHED", result.GetProperty("status").GetString());
        Assert.Equal(Text(day), result.GetProperty("date").GetString());
        // Paid at once, pending then paid, transient, lost response: four payments, four settlements.
        Assert.Equal((4, 4), (result.GetProperty("networkRows").GetInt32(), result.GetProperty("settledByUs").GetInt32()));
        Assert.Empty(result.GetProperty("differences").EnumerateArray());
        Assert.Equal(app.Clock.GetUtcNow(), result.GetProperty("checkedAt").GetDateTimeOffset());
        Assert.Equal(result.ToString(), (await GetAsync(day)).ToString());
    }

    [Fact]
    public async Task Each_difference_planted_in_the_file_is_listed_once_and_a_second_run_does_not_duplicate_it()
    {
        var day = app.StartNextDay();
        var (_, client, cardId) = await app.PayingCustomerAsync("USDT", deposit: 1_000m);
        var kept = await PayAsync(client, cardId);
        var dropped = await PayAsync(client, cardId);
        var changed = await PayAsync(client, cardId);
        const long NotOurs = 987_654_321;
        await PlantAsync(day, new { kind = "EXTRA_ROW", payoutId = $"op-{NotOurs}", amount = 12.34m, currency = "EUR" });
        await PlantAsync(day, new { kind = "DROP_ROW", payoutId = $"op-{dropped}" });
        await PlantAsync(day, new { kind = "CHANGE_AMOUNT", payoutId = $"op-{changed}", amount = 90.01m });

        var first = await RunAsync(day);
        var second = await RunAsync(day);

        Assert.Equal("DIFFERENCES", first.GetProperty("status").GetString());
        // Three payments in the file (kept, changed, the extra one), three settlements of ours (kept, dropped, changed).
        Assert.Equal((3, 3), (first.GetProperty("networkRows").GetInt32(), first.GetProperty("settledByUs").GetInt32()));
        Assert.Equal(
            [
                ("SETTLED_NOT_PAID", (long?)dropped, (decimal?)null, (decimal?)90m, "EUR"),
                ("AMOUNT_MISMATCH", changed, 90.01m, 90m, "EUR"),
                ("PAID_NOT_SETTLED", NotOurs, 12.34m, null, "EUR"),
            ],
            Differences(first));
        Assert.Contains("\"ourAmount\":90,", first.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(Differences(first), Differences(second));
        Assert.Equal(Differences(first), Differences(await GetAsync(day)));
        Assert.DoesNotContain(Differences(first), d => d.OperationId == kept);

        await ClearAdjustmentsAsync(day);
        var corrected = await RunAsync(day);
        Assert.Equal("MATCHED", corrected.GetProperty("status").GetString());
        Assert.Empty(corrected.GetProperty("differences").EnumerateArray());
    }

    [Fact]
    public async Task The_job_reconciles_a_finished_day_by_itself_and_lists_a_planted_difference()
    {
        var day = app.StartNextDay();
        var (_, client, cardId) = await app.PayingCustomerAsync("USDT", deposit: 1_000m);
        var changed = await PayAsync(client, cardId);
        await PlantAsync(day, new { kind = "CHANGE_AMOUNT", payoutId = $"op-{changed}", amount = 89.99m });
        Assert.Equal("NOT_RUN", (await GetAsync(day)).GetProperty("status").GetString());

        // The job runs a day 30 minutes after it ends (Reconciliation:RunAfterMinutes).
        app.Clock.Advance(UtcStartOf(day.AddDays(1)).AddMinutes(31) - app.Clock.GetUtcNow());
        var result = await ReconciledAsync(day, r => r.GetProperty("status").GetString() != "NOT_RUN");

        Assert.Equal("DIFFERENCES", result.GetProperty("status").GetString());
        Assert.Equal([("AMOUNT_MISMATCH", (long?)changed, (decimal?)89.99m, (decimal?)90m, "EUR")], Differences(result));
    }

    [Fact]
    public async Task A_payout_the_network_paid_before_midnight_and_we_settled_after_it_matches_on_both_days()
    {
        var day = app.StartNextDay();
        app.Clock.Advance(UtcStartOf(day.AddDays(1)).AddSeconds(-10) - app.Clock.GetUtcNow());
        var (_, client, _) = await app.PayingCustomerAsync("USDT", deposit: 1_000m);
        var lostResponseCard = await app.AddCardAsync(client, SandboxCardPayouts.LostResponse);
        app.Clock.Advance(UtcStartOf(day.AddDays(1)).AddSeconds(-2) - app.Clock.GetUtcNow());

        // The network records the payment at once (23:59:58) but its answer is lost; we learn of it by asking, after midnight.
        var operationId = await PayAsync(client, lostResponseCard, waitUntilSettled: false);
        var settled = (await app.SettleAsync(client, [operationId]))[operationId];
        Assert.Equal("SUCCESS", settled.GetProperty("status").GetString());
        Assert.Equal(day.AddDays(1), DateOnly.FromDateTime(settled.GetProperty("updatedAt").GetDateTimeOffset().UtcDateTime));

        var paidDay = await RunAsync(day);
        var settledDay = await RunAsync(day.AddDays(1));

        Assert.Equal(("MATCHED", 1, 0), (paidDay.GetProperty("status").GetString(), paidDay.GetProperty("networkRows").GetInt32(), paidDay.GetProperty("settledByUs").GetInt32()));
        Assert.Equal(("MATCHED", 0, 1), (settledDay.GetProperty("status").GetString(), settledDay.GetProperty("networkRows").GetInt32(), settledDay.GetProperty("settledByUs").GetInt32()));
    }

    [Fact]
    public async Task Concurrent_runs_of_one_day_store_one_result()
    {
        var day = app.StartNextDay();
        var (_, client, cardId) = await app.PayingCustomerAsync("USDT", deposit: 1_000m);
        var dropped = await PayAsync(client, cardId);
        await PlantAsync(day, new { kind = "DROP_ROW", payoutId = $"op-{dropped}" });
        using var admin = app.AdminClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.PostAsync($"/admin/v1/reconciliation/{Text(day)}", null)));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var conflict in answers.Where(a => a.StatusCode == HttpStatusCode.Conflict))
        {
            await conflict.AssertErrorAsync(HttpStatusCode.Conflict, "CONFLICT");
        }

        Assert.Equal([("SETTLED_NOT_PAID", (long?)dropped, (decimal?)null, (decimal?)90m, "EUR")], Differences(await GetAsync(day)));
    }

    [Fact]
    public async Task While_the_network_is_down_a_run_is_503_and_the_day_keeps_its_result()
    {
        var day = app.StartNextDay();
        using var network = app.NetworkAdminClient();
        await network.PostAsJsonAsync("outage", new { seconds = 600 }).AssertSuccessAsync();
        try
        {
            using var admin = app.AdminClient();
            using var response = await admin.PostAsync($"/admin/v1/reconciliation/{Text(day)}", null);

            await response.AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "NETWORK_UNAVAILABLE");
            Assert.Equal("NOT_RUN", (await GetAsync(day)).GetProperty("status").GetString());
        }
        finally
        {
            await network.DeleteAsync("outage").AssertSuccessAsync();
        }

        // Once the network is back (and the client's circuit breaker has closed again), the day runs.
        Assert.Equal("MATCHED", (await RunOnceTheNetworkAnswersAsync(day)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_day_never_run_is_NOT_RUN()
    {
        var result = await GetAsync(new DateOnly(2026, 1, 15));

        Assert.Equal("NOT_RUN", result.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("checkedAt").ValueKind);
        Assert.Empty(result.GetProperty("differences").EnumerateArray());
    }

    [Theory]
    [InlineData("2026-11-31")]
    [InlineData("2026-1-05")]
    [InlineData("20261105")]
    [InlineData("1999-12-31")]
    [InlineData("2999-12-31")]
    public async Task An_invalid_or_future_date_is_400_on_both_methods(string date)
    {
        using var admin = app.AdminClient();

        using var read = await admin.GetAsync($"/admin/v1/reconciliation/{date}");
        using var run = await admin.PostAsync($"/admin/v1/reconciliation/{date}", null);

        await read.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "date");
        await run.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "date");
    }

    [Fact]
    public async Task Tomorrow_is_400()
    {
        var tomorrow = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(1);
        using var admin = app.AdminClient();

        using var response = await admin.PostAsync($"/admin/v1/reconciliation/{Text(tomorrow)}", null);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "date");
    }

    /// <summary>Pays 100 USDT (90 EUR) to the card; with a card paid at once, waits (in real time) until it is settled.</summary>
    private async Task<long> PayAsync(HttpClient client, long cardId, bool waitUntilSettled = true)
    {
        var offerId = await app.QuoteAsync(client, cardId, 100m);
        using var response = await app.PayAsync(client, offerId);
        var operationId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64();
        if (waitUntilSettled)
        {
            // On a loaded machine execute may answer PENDING before its own dispatch has finished.
            Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(client, operationId)).GetProperty("status").GetString());
        }

        return operationId;
    }

    private async Task<JsonElement> RunAsync(DateOnly day)
    {
        using var admin = app.AdminClient();
        using var response = await admin.PostAsync($"/admin/v1/reconciliation/{Text(day)}", null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> RunOnceTheNetworkAnswersAsync(DateOnly day)
    {
        using var admin = app.AdminClient();
        var (status, body) = await EventuallyAsync(
            async () =>
            {
                using var response = await admin.PostAsync($"/admin/v1/reconciliation/{Text(day)}", null);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            },
            answer => answer.StatusCode != HttpStatusCode.ServiceUnavailable,
            TimeSpan.FromSeconds(20), "the network gave a settlement file after the outage ended");
        Assert.True(status == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<JsonElement> GetAsync(DateOnly day)
    {
        using var admin = app.AdminClient();
        return await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/reconciliation/{Text(day)}");
    }

    /// <summary>Waits in real time (at most 20 s) for the background job.</summary>
    private Task<JsonElement> ReconciledAsync(DateOnly day, Func<JsonElement, bool> done) =>
        EventuallyAsync(() => GetAsync(day), done, TimeSpan.FromSeconds(20), $"the job reconciled {Text(day)}");

    private async Task PlantAsync(DateOnly day, object adjustment)
    {
        using var network = app.NetworkAdminClient();
        await network.PostAsJsonAsync($"settlements/{Text(day)}/adjustments", adjustment).AssertSuccessAsync();
    }

    private async Task ClearAdjustmentsAsync(DateOnly day)
    {
        using var network = app.NetworkAdminClient();
        await network.DeleteAsync($"settlements/{Text(day)}/adjustments").AssertSuccessAsync();
    }

    private static IReadOnlyList<(string Kind, long? OperationId, decimal? NetworkAmount, decimal? OurAmount, string Currency)> Differences(JsonElement result) =>
        [.. result.GetProperty("differences").EnumerateArray().Select(d => (
            d.GetProperty("kind").GetString()!,
            d.GetProperty("operationId").ValueKind == JsonValueKind.Null ? (long?)null : d.GetProperty("operationId").GetInt64(),
            Amount(d.GetProperty("networkAmount")),
            Amount(d.GetProperty("ourAmount")),
            d.GetProperty("currency").GetString()!))];

    private static decimal? Amount(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal();

    private static DateTimeOffset UtcStartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
