using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Reports;

/// <summary>
/// <c>GET /admin/v1/reports/daily</c> after a day with every sandbox test card, deposits, a withdrawal and a float
/// top-up, against figures worked out by hand (see <see cref="ReportsApp"/> for the prices). The other tests of
/// the class move no money and no clock, so nothing else lands in the day reported.
/// </summary>
public sealed class DailyReportTests(ReportsApp app) : IClassFixture<ReportsApp>
{
    [Fact]
    public async Task A_day_with_every_sandbox_card_balances_and_matches_the_figures_worked_out_by_hand()
    {
        // Day 1 (the fixture's start) holds only the test float: 100 000 000 EUR and USD topped up.
        var firstDay = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var day = app.StartNextDay();
        var (customer, client, _) = await app.PayingCustomerAsync("USDT", deposit: 1_000m);
        await WithdrawAsync(customer.Id, "USDT", 50m);
        await TopUpFloatAsync("EUR", 500m);

        var payouts = await SandboxCardPayouts.PayWithEveryCardAsync(app, client, 100m);

        // 7 payouts of 100 USDT, each debiting 104 (3 fee + 1 partner fee) and reserving 90 EUR of float:
        // 4 succeed (paid at once, pending then paid, transient, lost response), 2 fail and are refunded
        // (declined at once, pending then declined), 1 is still in flight (no answer).
        Assert.Equal(4, payouts.Count(p => p.Status == "SUCCESS"));
        var report = await ReportAsync(day);

        Assert.True(report.GetProperty("balances").GetBoolean(), report.ToString());
        Assert.Equal(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), report.GetProperty("date").GetString());
        Assert.Equal(UtcStart(day), report.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(UtcStart(day.AddDays(1)), report.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(["EUR", "USD", "USDT"], report.GetProperty("currencies").EnumerateArray().Select(c => c.GetProperty("currency").GetString()));

        var usdt = Currency(report, "USDT");
        AssertFigures(usdt, deposits: 1_000m, withdrawals: 50m, floatTopUps: 0m, payoutsDebited: 728m, settled: 400m, refunded: 208m, fees: 12m, partnerFees: 4m);
        // Wallet: +1000 deposit, −50 withdrawal, −7 × 104 debited, +2 × 104 refunded = 430.
        AssertAccount(usdt, "CUSTOMER_WALLET", opening: 0m, closing: 430m, deposit: 1_000m, withdrawal: -50m, payoutDebit: -728m, payoutRefund: 208m);
        AssertAccount(usdt, "DEPOSITS", opening: 0m, closing: -950m, deposit: -1_000m, withdrawal: 50m);
        // In flight: +728 at execute, −4 × 104 settled, −2 × 104 refunded: the unanswered payout's 104 is left.
        AssertAccount(usdt, "PAYOUTS_IN_FLIGHT", opening: 0m, closing: 104m, payoutDebit: 728m, payoutSettle: -416m, payoutRefund: -208m);
        AssertAccount(usdt, "SETTLED_PAYOUTS", opening: 0m, closing: 400m, payoutSettle: 400m);
        AssertAccount(usdt, "FEE_REVENUE", opening: 0m, closing: 12m, payoutSettle: 12m);
        AssertAccount(usdt, "PARTNER_REVENUE", opening: 0m, closing: 4m, payoutSettle: 4m);

        var eur = Currency(report, "EUR");
        AssertFigures(eur, deposits: 0m, withdrawals: 0m, floatTopUps: 500m, payoutsDebited: 630m, settled: 360m, refunded: 180m, fees: 0m, partnerFees: 0m);
        AssertAccount(eur, "DEPOSITS", opening: -100_000_000m, closing: -100_000_500m, floatTopUp: -500m);
        // Float: +500 topped up, −7 × 90 reserved, +2 × 90 released by the refunds.
        AssertAccount(eur, "NETWORK_FLOAT", opening: 100_000_000m, closing: 100_000_050m, floatTopUp: 500m, payoutDebit: -630m, payoutRefund: 180m);
        AssertAccount(eur, "FIAT_IN_FLIGHT", opening: 0m, closing: 90m, payoutDebit: 630m, payoutSettle: -360m, payoutRefund: -180m);
        AssertAccount(eur, "FIAT_PAID_OUT", opening: 0m, closing: 360m, payoutSettle: 360m);

        var usd = Currency(report, "USD");
        AssertAccount(usd, "DEPOSITS", opening: -100_000_000m, closing: -100_000_000m);
        AssertAccount(usd, "NETWORK_FLOAT", opening: 100_000_000m, closing: 100_000_000m);

        // The day before closes where this day opens.
        var before = await ReportAsync(firstDay);
        Assert.True(before.GetProperty("balances").GetBoolean());
        Assert.Equal(200_000_000m, Currency(before, "EUR").GetProperty("floatTopUps").GetDecimal() + Currency(before, "USD").GetProperty("floatTopUps").GetDecimal());
        foreach (var currency in before.GetProperty("currencies").EnumerateArray())
        {
            foreach (var account in currency.GetProperty("accounts").EnumerateArray())
            {
                var next = Account(Currency(report, currency.GetProperty("currency").GetString()!), account.GetProperty("accountType").GetString()!);
                Assert.Equal(account.GetProperty("closing").GetDecimal(), next.GetProperty("opening").GetDecimal());
            }
        }

        await AssertCsvHasTheSameFiguresAsync(day, report);
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_day_before_any_money_moved_is_empty_and_balances()
    {
        var report = await ReportAsync(new DateOnly(2026, 1, 1));

        Assert.True(report.GetProperty("balances").GetBoolean());
        Assert.Empty(report.GetProperty("currencies").EnumerateArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-11-1")]
    [InlineData("2026-02-30")]
    [InlineData("23.11.2026")]
    [InlineData("1999-12-31")]
    [InlineData("2999-01-01")]
    public async Task A_date_that_is_malformed_too_old_or_in_the_future_is_400(string date)
    {
        using var admin = app.AdminClient();

        using var response = await admin.GetAsync($"/admin/v1/reports/daily?date={date}");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "date");
    }

    [Fact]
    public async Task Tomorrow_is_400_and_today_is_reported_so_far()
    {
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        using var admin = app.AdminClient();

        using var tomorrow = await admin.GetAsync($"/admin/v1/reports/daily?date={Text(today.AddDays(1))}");
        using var missing = await admin.GetAsync("/admin/v1/reports/daily");

        await tomorrow.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "date");
        await missing.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "date");
        Assert.True((await ReportAsync(today)).GetProperty("balances").GetBoolean());
    }

    private async Task AssertCsvHasTheSameFiguresAsync(DateOnly day, JsonElement report)
    {
        using var admin = app.AdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/admin/v1/reports/daily?date={Text(day)}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "date,currency,accountType,opening,deposit,withdrawal,floatTopUp,payoutDebit,payoutSettle,payoutRefund,closing,balances",
            lines[0]);
        var expected = report.GetProperty("currencies").EnumerateArray()
            .SelectMany(c => c.GetProperty("accounts").EnumerateArray().Select(a =>
            {
                var m = a.GetProperty("movements");
                return string.Join(',',
                    Text(day), c.GetProperty("currency").GetString(), a.GetProperty("accountType").GetString(),
                    Csv(a, "opening"), Csv(m, "deposit"), Csv(m, "withdrawal"), Csv(m, "floatTopUp"), Csv(m, "payoutDebit"),
                    Csv(m, "payoutSettle"), Csv(m, "payoutRefund"), Csv(a, "closing"), a.GetProperty("balances").GetBoolean() ? "true" : "false");
            }));
        Assert.Equal(expected, lines.Skip(1));
        Assert.Contains(lines, l => l.StartsWith($"{Text(day)},EUR,NETWORK_FLOAT,100000000,0,0,500,-630,0,180,100000050,true", StringComparison.Ordinal));
        Assert.All(lines.Skip(1), line => Assert.DoesNotContain(line.Split(',')[3..11], amount => amount.Contains('E', StringComparison.OrdinalIgnoreCase)));
    }

    private static string Csv(JsonElement parent, string name) =>
        parent.GetProperty(name).GetDecimal().ToString(CultureInfo.InvariantCulture);

    private async Task<JsonElement> ReportAsync(DateOnly day)
    {
        using var admin = app.AdminClient();
        using var response = await admin.GetAsync($"/admin/v1/reports/daily?date={Text(day)}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task WithdrawAsync(long customerId, string currency, decimal amount)
    {
        using var admin = app.AdminClient();
        await admin.PostAsJsonAsync($"/admin/v1/customers/{customerId}/withdrawals", new { currency, amount }).AssertSuccessAsync();
    }

    private async Task TopUpFloatAsync(string fiat, decimal amount)
    {
        using var admin = app.AdminClient();
        await admin.PostAsJsonAsync($"/admin/v1/network-float/{fiat}/top-ups", new { amount }).AssertSuccessAsync();
    }

    private static JsonElement Currency(JsonElement report, string code) =>
        Assert.Single(report.GetProperty("currencies").EnumerateArray(), c => c.GetProperty("currency").GetString() == code);

    private static JsonElement Account(JsonElement currency, string type) =>
        Assert.Single(currency.GetProperty("accounts").EnumerateArray(), a => a.GetProperty("accountType").GetString() == type);

    private static void AssertFigures(
        JsonElement currency, decimal deposits, decimal withdrawals, decimal floatTopUps, decimal payoutsDebited, decimal settled, decimal refunded,
        decimal fees, decimal partnerFees)
    {
        Assert.True(currency.GetProperty("balances").GetBoolean());
        Assert.True(currency.GetProperty("sumsToZero").GetBoolean());
        Assert.Equal(
            (deposits, withdrawals, floatTopUps, payoutsDebited, settled, refunded, fees, partnerFees),
            (Dec(currency, "deposits"), Dec(currency, "withdrawals"), Dec(currency, "floatTopUps"), Dec(currency, "payoutsDebited"),
                Dec(currency, "settled"), Dec(currency, "refunded"), Dec(currency, "fees"), Dec(currency, "partnerFees")));
    }

    private static void AssertAccount(
        JsonElement currency, string type, decimal opening, decimal closing, decimal deposit = 0, decimal withdrawal = 0, decimal floatTopUp = 0,
        decimal payoutDebit = 0, decimal payoutSettle = 0, decimal payoutRefund = 0)
    {
        var account = Account(currency, type);
        var m = account.GetProperty("movements");
        Assert.Equal(
            (opening, deposit, withdrawal, floatTopUp, payoutDebit, payoutSettle, payoutRefund, closing, true),
            (Dec(account, "opening"), Dec(m, "deposit"), Dec(m, "withdrawal"), Dec(m, "floatTopUp"), Dec(m, "payoutDebit"),
                Dec(m, "payoutSettle"), Dec(m, "payoutRefund"), Dec(account, "closing"), account.GetProperty("balances").GetBoolean()));
    }

    private static decimal Dec(JsonElement parent, string name) => parent.GetProperty(name).GetDecimal();

    private static DateTimeOffset UtcStart(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
