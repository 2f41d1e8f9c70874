using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Reports;

/// <summary>Two API processes (hosts) on one database and one network, both running the reconciliation job.</summary>
public sealed class SharedReconciliationTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    [Fact]
    public async Task Two_processes_running_the_job_reconcile_a_day_once()
    {
        await using var second = new ReportsApp(app);
        await ((IAsyncLifetime)second).InitializeAsync();
        var day = app.StartNextDay();
        var (_, client, cardId) = await app.PayingCustomerAsync("USDT", deposit: 1_000m);
        var offerId = await app.QuoteAsync(client, cardId, 100m);
        var operationId = (await app.ExecuteAsync(client, offerId)).GetProperty("operationId").GetInt64();
        Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(client, operationId)).GetProperty("status").GetString());
        using (var network = app.NetworkAdminClient())
        {
            await (await network.PostAsJsonAsync($"settlements/{Text(day)}/adjustments", new { kind = "DROP_ROW", payoutId = $"op-{operationId}" }))
                .AssertSuccessAsync();
        }

        var due = new DateTimeOffset(day.AddDays(1).ToDateTime(new TimeOnly(0, 31)), TimeSpan.Zero);
        second.Clock.Advance(due - second.Clock.GetUtcNow());
        app.Clock.Advance(due - app.Clock.GetUtcNow());

        using var admin = app.AdminClient();
        await EventuallyAsync(async () =>
            (await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/reconciliation/{Text(day)}")).GetProperty("status").GetString() != "NOT_RUN",
            TimeSpan.FromSeconds(30), $"one of the two jobs reconciled {Text(day)}");
        // Both jobs look every second: two more rounds each, and each has had a whole round after the result was stored.
        var (firstRounds, secondRounds) = (Rounds(app), Rounds(second));
        await EventuallyAsync(() => Rounds(app) >= firstRounds + 2 && Rounds(second) >= secondRounds + 2,
            TimeSpan.FromSeconds(30), "each job ran two more rounds");
        var result = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/reconciliation/{Text(day)}");

        Assert.Equal("DIFFERENCES", result.GetProperty("status").GetString());
        var difference = Assert.Single(result.GetProperty("differences").EnumerateArray());
        Assert.Equal(("SETTLED_NOT_PAID", operationId), (difference.GetProperty("kind").GetString(), difference.GetProperty("operationId").GetInt64()));
        var stored = app.Logs.Lines.Concat(second.Logs.Lines).Count(l => l.Contains($"Reconciliation of {Text(day)}: 1 differences", StringComparison.Ordinal));
        Assert.Equal(1, stored);
        await ((IAsyncLifetime)second).DisposeAsync();
    }

    private static int Rounds(PayoutApp host) =>
        host.Logs.Lines.Count(l => l.Contains("Reconciliation round done", StringComparison.Ordinal));

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
