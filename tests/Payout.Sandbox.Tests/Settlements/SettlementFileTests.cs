using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Payout.Sandbox.Tests.Infrastructure;

namespace Payout.Sandbox.Tests.Settlements;

/// <summary>
/// <c>GET /v1/settlements/{date}</c>: what the network paid in a UTC day, and the operator's adjustments that plant
/// differences in it. Tests share one app (and clock), so each looks only at its own payout ids.
/// </summary>
public sealed class SettlementFileTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    private const string PaidAtOnce = "4111111111111111";

    [Fact]
    public async Task A_payout_paid_at_once_is_in_the_file_of_the_day_it_was_paid_with_its_amount_and_time()
    {
        var payout = await app.CreatePayoutAsync(PaidAtOnce);

        var row = Assert.Single((await FileAsync(Today())).Rows, r => r.PayoutId == payout.PayoutId);

        Assert.Equal(new SettlementRowBody(payout.PayoutId, 12.34m, "EUR", payout.UpdatedAt), row);
    }

    [Fact]
    public async Task A_pending_payout_is_listed_only_once_paid_and_a_declined_one_never()
    {
        var pending = await app.CreatePayoutAsync(SandboxCards.PendingThenPaid);
        var declined = await app.CreatePayoutAsync(SandboxCards.DeclinedAtOnce);
        var declinedLater = await app.CreatePayoutAsync(SandboxCards.PendingThenDeclined);
        Assert.DoesNotContain((await FileAsync(Today())).Rows, r => r.PayoutId == pending.PayoutId);

        await app.AdvanceUntilAsync(() => app.Callbacks.Delivered(pending.PayoutId) && app.Callbacks.Delivered(declinedLater.PayoutId));

        var paidOn = DateOnly.FromDateTime((await app.GetPayoutAsync(pending.PayoutId)).UpdatedAt.UtcDateTime);
        var rows = (await FileAsync(paidOn)).Rows;
        Assert.Single(rows, r => r.PayoutId == pending.PayoutId);
        Assert.DoesNotContain(rows, r => r.PayoutId == declined.PayoutId || r.PayoutId == declinedLater.PayoutId);
    }

    [Fact]
    public async Task A_payout_paid_after_midnight_is_in_the_next_days_file()
    {
        var now = app.Clock.GetUtcNow();
        var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        app.Clock.Advance(midnight - now - TimeSpan.FromSeconds(1));
        var pending = await app.CreatePayoutAsync(SandboxCards.PendingThenPaid);

        await app.AdvanceUntilAsync(() => app.Callbacks.Delivered(pending.PayoutId));

        var before = DateOnly.FromDateTime(midnight.UtcDateTime.AddDays(-1));
        Assert.DoesNotContain((await FileAsync(before)).Rows, r => r.PayoutId == pending.PayoutId);
        Assert.Single((await FileAsync(before.AddDays(1))).Rows, r => r.PayoutId == pending.PayoutId);
    }

    [Fact]
    public async Task Planted_adjustments_add_drop_and_change_rows_until_cleared()
    {
        var kept = await app.CreatePayoutAsync(PaidAtOnce);
        var dropped = await app.CreatePayoutAsync(PaidAtOnce);
        var changed = await app.CreatePayoutAsync(PaidAtOnce);
        var extraId = SandboxApp.NewId();
        var day = Today();

        await PlantAsync(day, new { kind = "EXTRA_ROW", payoutId = extraId, amount = 99.5m, currency = "USD" });
        await PlantAsync(day, new { kind = "DROP_ROW", payoutId = dropped.PayoutId });
        var file = await PlantAsync(day, new { kind = "CHANGE_AMOUNT", payoutId = changed.PayoutId, amount = 12.35m });

        Assert.Equal(12.34m, Assert.Single(file.Rows, r => r.PayoutId == kept.PayoutId).Amount);
        Assert.DoesNotContain(file.Rows, r => r.PayoutId == dropped.PayoutId);
        Assert.Equal(12.35m, Assert.Single(file.Rows, r => r.PayoutId == changed.PayoutId).Amount);
        var extra = Assert.Single(file.Rows, r => r.PayoutId == extraId);
        Assert.Equal((99.5m, "USD"), (extra.Amount, extra.Currency));
        Assert.Equal(file, await FileAsync(day));

        using var client = app.Client();
        using var cleared = await client.DeleteAsync($"/v1/admin/settlements/{Text(day)}/adjustments");

        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        var original = await FileAsync(day);
        Assert.DoesNotContain(original.Rows, r => r.PayoutId == extraId);
        Assert.Equal(12.34m, Assert.Single(original.Rows, r => r.PayoutId == changed.PayoutId).Amount);
        Assert.Single(original.Rows, r => r.PayoutId == dropped.PayoutId);
    }

    [Theory]
    [InlineData("""{"payoutId":"x-1"}""")]
    [InlineData("""{"kind":"SHRED","payoutId":"x-1"}""")]
    [InlineData("""{"kind":"DROP_ROW"}""")]
    [InlineData("""{"kind":"EXTRA_ROW","payoutId":"x-1","amount":10}""")]
    [InlineData("""{"kind":"EXTRA_ROW","payoutId":"x-1","currency":"EUR"}""")]
    [InlineData("""{"kind":"CHANGE_AMOUNT","payoutId":"x-1","amount":1.001}""")]
    [InlineData("""{"kind":"CHANGE_AMOUNT","payoutId":"x-1","amount":"10"}""")]
    public async Task An_adjustment_that_breaks_a_rule_is_400_and_changes_nothing(string body)
    {
        var day = Today().AddDays(-30);
        using var client = app.Client();

        using var response = await client.PostAsync(
            $"/v1/admin/settlements/{Text(day)}/adjustments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("VALIDATION", (await response.Content.ReadFromJsonAsync<ErrorBody>())!.Error);
        Assert.Empty((await FileAsync(day)).Rows);
    }

    [Theory]
    [InlineData("2026-13-01")]
    [InlineData("2026-2-01")]
    [InlineData("01-12-2026")]
    [InlineData("yesterday")]
    public async Task A_date_that_is_not_yyyy_MM_dd_is_400(string date)
    {
        using var client = app.Client();

        using var response = await client.GetAsync($"/v1/settlements/{date}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("VALIDATION", (await response.Content.ReadFromJsonAsync<ErrorBody>())!.Error);
    }

    [Fact]
    public async Task The_file_needs_the_api_key()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync($"/v1/settlements/{Text(Today())}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private DateOnly Today() => DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<SettlementFileBody> FileAsync(DateOnly day)
    {
        using var client = app.Client();
        var file = (await client.GetFromJsonAsync<SettlementFileBody>($"/v1/settlements/{Text(day)}"))!;
        Assert.Equal(Text(day), file.Date);
        return file;
    }

    private async Task<SettlementFileBody> PlantAsync(DateOnly day, object adjustment)
    {
        using var client = app.Client();
        using var response = await client.PostAsJsonAsync($"/v1/admin/settlements/{Text(day)}/adjustments", adjustment);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SettlementFileBody>())!;
    }

    private sealed record SettlementRowBody(string PayoutId, decimal Amount, string Currency, DateTimeOffset PaidAt);

    private sealed record SettlementFileBody(string Date, IReadOnlyList<SettlementRowBody> Rows)
    {
        public bool Equals(SettlementFileBody? other) => other is not null && Date == other.Date && Rows.SequenceEqual(other.Rows);

        public override int GetHashCode() => Date.GetHashCode(StringComparison.Ordinal);
    }
}
