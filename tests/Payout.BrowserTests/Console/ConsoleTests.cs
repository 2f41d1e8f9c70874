using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Payout.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Payout.BrowserTests.Console;

public sealed class ConsoleHost : BrowserAppWithClock
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // Fast answers when the network is down: one attempt of one second, no retries.
        ["PayoutNetwork:AttemptTimeoutSeconds"] = "1",
        ["PayoutNetwork:MaxRetries"] = "0",
        ["Sandbox:PendingDelaySeconds"] = "5",
    };
}

/// <summary>The operator console in Chromium: sign-in, every page, every action, and what it refuses.</summary>
public sealed class ConsoleTests(ConsoleHost app) : IClassFixture<ConsoleHost>, IAsyncLifetime
{
    private const string PaidCard = "4012888888881881";
    private const string PendingThenPaidCard = "4000000000000010";

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        app.AssertNoPageErrors();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Signing_in_takes_the_operator_key_and_sets_a_strict_http_only_session_cookie_until_sign_out()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/console");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operator sign-in" })).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "sign-in");

        await page.GetByLabel("Operator key").FillAsync("not-the-key-at-all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("That key is not the operator key.");

        await SignInAsync(page);
        var cookies = await page.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "payout-console");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.False(session.Secure); // plain HTTP here; over HTTPS the cookie is Secure (SameAsRequest)
        Assert.Equal(-1, session.Expires); // a browser-session cookie; the server ends the session when idle
        Assert.Contains(cookies, c => c.Name == "payout-console-csrf" && c.HttpOnly && c.SameSite == SameSiteAttribute.Strict);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Operator sign-in" })).ToBeVisibleAsync();
        Assert.Equal(401, await StatusOfAsync(page, "GET", "/admin/v1/dashboard"));
    }

    [Fact]
    public async Task A_request_without_the_session_or_without_the_csrf_token_is_refused_and_changes_nothing()
    {
        var before = await FloatAvailableAsync("EUR");
        var page = await app.NewPageAsync();
        await SignInAsync(page);
        var topUp = "/admin/v1/network-float/EUR/top-ups";

        Assert.Equal(200, await StatusOfAsync(page, "GET", "/admin/v1/dashboard"));
        Assert.Equal(403, await StatusOfAsync(page, "POST", topUp, """{"amount": 1}"""));
        Assert.Equal(403, await StatusOfAsync(page, "POST", topUp, """{"amount": 1}""", csrfToken: "forged-token"));
        Assert.Equal(403, await StatusOfAsync(page, "DELETE", "/console/api/session"));

        var stranger = await app.NewPageAsync();
        await stranger.GotoAsync("/console");
        Assert.Equal(401, await StatusOfAsync(stranger, "GET", "/admin/v1/dashboard"));
        Assert.Equal(401, await StatusOfAsync(stranger, "POST", topUp, """{"amount": 1}""", csrfToken: "forged-token"));
        Assert.Equal(before, await FloatAvailableAsync("EUR"));

        // With the session's own token the same request goes through: the refusals above were the token's.
        var token = await page.EvaluateAsync<string>("fetch('/console/api/session').then(r => r.json()).then(s => s.csrfToken)");
        Assert.Equal(200, await StatusOfAsync(page, "POST", topUp, """{"amount": 1}""", token));
        Assert.Equal(before + 1, await FloatAvailableAsync("EUR"));
    }

    [Fact]
    public async Task The_dashboard_shows_the_figures_the_operator_api_gives()
    {
        var (customerId, phone) = await app.CreateCustomerAsync();
        await app.DepositAsync(customerId, "USDT", 1_000m);
        using var customer = await app.CustomerClientAsync(phone);
        await BrowserApp.PayOutAsync(customer, PaidCard, 100m);
        await BrowserApp.PayOutAsync(customer, PendingThenPaidCard, 50m);

        var page = await app.NewPageAsync();
        await SignInAsync(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();

        var dashboard = await app.AdminGetAsync("/admin/v1/dashboard");
        var pending = await app.AdminGetAsync("/admin/v1/payouts?status=PENDING");
        var stuck = await app.AdminGetAsync("/admin/v1/payouts/stuck");
        var floats = await app.AdminGetAsync("/admin/v1/network-float");
        await Expect(Figure(page, "in-flight")).ToHaveTextAsync(pending.GetProperty("total").GetRawText());
        await Expect(Figure(page, "stuck")).ToHaveTextAsync(stuck.GetProperty("items").GetArrayLength().ToString(CultureInfo.InvariantCulture));
        foreach (var item in floats.GetProperty("items").EnumerateArray())
        {
            await Expect(Figure(page, $"float-{item.GetProperty("currency").GetString()}")).ToHaveTextAsync(item.GetProperty("available").GetRawText());
        }

        var fees = Assert.Single(dashboard.GetProperty("feesEarned").EnumerateArray(), f => f.GetProperty("currency").GetString() == "USDT");
        Assert.True(fees.GetProperty("fees").GetDecimal() > 0);
        await Expect(Figure(page, "fees-USDT")).ToHaveTextAsync(fees.GetProperty("fees").GetRawText());
        var lastDay = dashboard.GetProperty("payoutsPerHour").EnumerateArray().Sum(h => h.GetProperty("total").GetInt32());
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = $"{lastDay} payouts in the last 24 hours" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img).Filter(new() { HasText = "USDT" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "USDT/EUR" })).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "dashboard");
    }

    [Fact]
    public async Task A_payout_timeline_shows_the_quote_debit_network_answer_callback_and_settlement_with_their_postings()
    {
        var (customerId, phone) = await app.CreateCustomerAsync();
        await app.DepositAsync(customerId, "USDT", 1_000m);
        using var customer = await app.CustomerClientAsync(phone);
        var payout = await BrowserApp.PayOutAsync(customer, PendingThenPaidCard, 100m);
        var operationId = payout.GetProperty("operationId").GetInt64();
        Assert.Equal("PENDING", payout.GetProperty("status").GetString());
        app.FakeClock.Advance(TimeSpan.FromSeconds(6));
        await EventuallyAsync(async () =>
            (await app.AdminGetAsync($"/admin/v1/payouts/{operationId}")).GetProperty("payout").GetProperty("status").GetString() == "SUCCESS",
            TimeSpan.FromSeconds(15), "the network's callback settled the payout");

        var page = await app.NewPageAsync();
        await SignInAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Payouts", Exact = true }).ClickAsync();
        await page.GetByLabel("Status", new() { Exact = true }).SelectOptionAsync("SUCCESS");
        await page.GetByLabel("Customer", new() { Exact = true }).FillAsync(customerId.ToString(CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page.Locator("[data-figure=payouts-total]")).ToHaveTextAsync("1 payout");
        await BrowserApp.ScreenshotAsync(page, "payouts");

        await page.GetByRole(AriaRole.Link, new() { Name = $"#{operationId}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Payout #{operationId}" })).ToContainTextAsync("SUCCESS");
        var kinds = page.GetByRole(AriaRole.List, new() { Name = "Timeline" }).Locator("> li");
        await Expect(kinds).ToHaveCountAsync(5);
        Assert.Equal(
            ["QUOTED", "DEBITED", "SENT", "CALLBACK_RECEIVED", "SETTLED"],
            await kinds.EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.kind)"));
        var debit = page.GetByRole(AriaRole.Table, new() { Name = "Ledger transaction" }).First;
        await Expect(debit).ToContainTextAsync($"wallet:{customerId}:USDT");
        await Expect(debit).ToContainTextAsync("-" + payout.GetProperty("totalDebited").GetRawText());
        await BrowserApp.ScreenshotAsync(page, "payout-timeline");
    }

    [Fact]
    public async Task An_operator_finds_a_customer_by_phone_and_changes_the_kyc_level_and_deposits_each_after_confirming()
    {
        var (customerId, phone) = await app.CreateCustomerAsync();
        await app.DepositAsync(customerId, "USDT", 1_000m);
        using (var customer = await app.CustomerClientAsync(phone))
        {
            await BrowserApp.PayOutAsync(customer, PaidCard, 100m);
        }

        var page = await app.NewPageAsync();
        await SignInAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
        await page.GetByLabel("Phone", new() { Exact = true }).FillAsync(phone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Find" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"#{customerId}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Customer #{customerId}" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "VISA 4012***1881" })).ToBeVisibleAsync();
        Assert.DoesNotContain(PaidCard, await page.ContentAsync(), StringComparison.Ordinal);
        await Expect(page.Locator("#main")).ToContainTextAsync("EUR used in 30 days");
        await BrowserApp.ScreenshotAsync(page, "customer");

        await page.GetByLabel("KYC level", new() { Exact = true }).SelectOptionAsync("KYC_2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change KYC level" }).ClickAsync();
        await ConfirmAsync(page, $"Change customer #{customerId} from KYC_1 to KYC_2?");
        await Expect(Figure(page, "kyc-level")).ToHaveTextAsync("KYC_2");
        Assert.Equal("KYC_2", (await app.AdminGetAsync($"/admin/v1/customers/{customerId}")).GetProperty("customer").GetProperty("kycLevel").GetString());

        var balance = await app.BalanceAsync(customerId, "USDT");
        await page.GetByLabel("Deposit", new() { Exact = true }).SelectOptionAsync("USDT");
        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("12.5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Deposit", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        Assert.Equal(balance, await app.BalanceAsync(customerId, "USDT"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Deposit", Exact = true }).ClickAsync();
        await ConfirmAsync(page, $"Credit 12.5 USDT to customer #{customerId}?");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The USDT balance is now");
        var detail = await app.AdminGetAsync($"/admin/v1/customers/{customerId}");
        var usdt = Assert.Single(detail.GetProperty("balances").EnumerateArray(), b => b.GetProperty("currency").GetString() == "USDT");
        await Expect(Figure(page, "balance-USDT")).ToHaveTextAsync(usdt.GetProperty("balance").GetRawText());
        Assert.Equal(balance + 12.5m, await app.BalanceAsync(customerId, "USDT"));
    }

    [Fact]
    public async Task An_operator_tops_up_the_float_from_the_dashboard()
    {
        var page = await app.NewPageAsync();
        await SignInAsync(page);
        var before = await FloatAvailableAsync("USD");
        await page.GetByLabel("Top up", new() { Exact = true }).SelectOptionAsync("USD");
        await page.GetByPlaceholder("amount").FillAsync("2500.25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Top up" }).ClickAsync();
        await ConfirmAsync(page, "Add 2500.25 USD to our float at the payout network?");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The USD float is now");
        Assert.Equal(before + 2500.25m, await FloatAvailableAsync("USD"));
        var floats = await app.AdminGetAsync("/admin/v1/network-float");
        var usd = Assert.Single(floats.GetProperty("items").EnumerateArray(), f => f.GetProperty("currency").GetString() == "USD");
        await Expect(Figure(page, "float-USD")).ToHaveTextAsync(usd.GetProperty("available").GetRawText());
    }

    [Fact]
    public async Task A_stuck_payout_is_asked_again_and_failed_with_a_refund_only_once_the_network_confirms_it_has_none()
    {
        var (customerId, phone) = await app.CreateCustomerAsync();
        await app.DepositAsync(customerId, "USDT", 1_000m);
        using var customer = await app.CustomerClientAsync(phone);
        var cardId = await BrowserApp.AddCardAsync(customer, PaidCard);
        using var network = NetworkAdminClient();
        await network.PostAsJsonAsync("outage", new { seconds = 86_400 }).AssertSuccessAsync();
        long operationId;
        try
        {
            var payout = await BrowserApp.PayOutAsync(customer, cardId, 100m);
            operationId = payout.GetProperty("operationId").GetInt64();
            Assert.Equal("PENDING", payout.GetProperty("status").GetString());
            app.FakeClock.Advance(TimeSpan.FromMinutes(16));
            await EventuallyAsync(async () =>
                (await app.AdminGetAsync("/admin/v1/payouts/stuck")).GetProperty("items").EnumerateArray()
                    .Any(i => i.GetProperty("operationId").GetInt64() == operationId && i.GetProperty("attempts").GetInt32() >= 2),
                TimeSpan.FromSeconds(15), "the payout is stuck and the dispatcher tried again");

            var page = await app.NewPageAsync();
            await SignInAsync(page);
            var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = $"#{operationId}" }) });
            await row.GetByRole(AriaRole.Button, new() { Name = "Ask the network again" }).ClickAsync();
            await ConfirmAsync(page, $"Ask the payout network about payout #{operationId} now? A final answer is applied at once.");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Payout #{operationId}: the network answered NoAnswer; the payout is PENDING.");

            await row.GetByRole(AriaRole.Button, new() { Name = "Fail with refund" }).ClickAsync();
            await ConfirmAsync(page, $"Fail payout #{operationId} and refund the customer? This happens only if the network confirms now that it has no such payout.");
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The network did not answer, so it may still pay: the payout stays pending.");
            Assert.Equal(1_000m - payout.GetProperty("totalDebited").GetDecimal(), await app.BalanceAsync(customerId, "USDT"));

            await network.DeleteAsync("outage").AssertSuccessAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = $"#{operationId}" }).First.ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Fail with refund" }).ClickAsync();
            await ConfirmAsync(page, $"Fail payout #{operationId} and refund the customer? This happens only if the network confirms now that it has no such payout.");
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync(
                $"Payout #{operationId} is FAILED: the network has no such payout, and the customer was refunded.");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Payout #{operationId}" })).ToContainTextAsync("FAILED");
            Assert.Equal(
                ["QUOTED", "DEBITED", "SENT", "STATUS_ASKED", "OPERATOR_ASKED_AGAIN", "STATUS_ASKED", "OPERATOR_FAIL_REQUESTED", "OPERATOR_FAIL_REQUESTED", "REFUNDED"],
                await page.GetByRole(AriaRole.List, new() { Name = "Timeline" }).Locator("> li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.kind)"));
            await BrowserApp.ScreenshotAsync(page, "stuck-payout-refunded");
        }
        finally
        {
            await network.DeleteAsync("outage");
        }

        Assert.Equal(1_000m, await app.BalanceAsync(customerId, "USDT"));
        var received = await network.GetFromJsonAsync<JsonElement>("payouts");
        Assert.DoesNotContain(received.GetProperty("payouts").EnumerateArray(), p => p.GetProperty("payoutId").GetString() == $"op-{operationId}");
    }

    [Fact]
    public async Task The_reports_page_shows_the_day_s_ledger_report_and_reconciles_the_day_with_the_network_after_confirming()
    {
        // BTC, which no other test of this class pays out, so the day's BTC figures are this payout's alone.
        var (customerId, phone) = await app.CreateCustomerAsync();
        await app.DepositAsync(customerId, "BTC", 0.01m);
        using var customer = await app.CustomerClientAsync(phone);
        var payout = await BrowserApp.PayOutAsync(customer, await BrowserApp.AddCardAsync(customer, PaidCard), 0.002m, "BTC");
        var operationId = payout.GetProperty("operationId").GetInt64();
        await EventuallyAsync(async () =>
            (await app.AdminGetAsync($"/admin/v1/payouts/{operationId}")).GetProperty("payout").GetProperty("status").GetString() == "SUCCESS",
            TimeSpan.FromSeconds(15), "the network paid the payout");
        var day = app.FakeClock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var amountTo = payout.GetProperty("amountTo").GetDecimal();
        using var network = NetworkAdminClient();
        await network.PostAsJsonAsync($"settlements/{day}/adjustments",
            new { kind = "CHANGE_AMOUNT", payoutId = $"op-{operationId}", amount = amountTo + 1m }).AssertSuccessAsync();
        try
        {
            var page = await app.NewPageAsync();
            await SignInAsync(page);
            await page.GetByRole(AriaRole.Link, new() { Name = "Reports" }).ClickAsync();
            await page.GetByLabel("Day (UTC)").FillAsync(day);
            await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
            await Expect(Figure(page, "reconciliation-status")).ToHaveTextAsync("NOT_RUN");

            var report = await app.AdminGetAsync($"/admin/v1/reports/daily?date={day}");
            var btc = Assert.Single(report.GetProperty("currencies").EnumerateArray(), c => c.GetProperty("currency").GetString() == "BTC");
            Assert.Equal(payout.GetProperty("amountFrom").GetDecimal(), btc.GetProperty("settled").GetDecimal());
            await Expect(Figure(page, "settled-BTC")).ToHaveTextAsync(btc.GetProperty("settled").GetRawText());
            await Expect(Figure(page, "report-balances")).ToHaveTextAsync("balances");
            await Expect(page.GetByRole(AriaRole.Table, new() { Name = "BTC accounts" })).ToContainTextAsync("SETTLED_PAYOUTS");

            await page.GetByRole(AriaRole.Button, new() { Name = "Reconcile now" }).ClickAsync();
            await ConfirmAsync(page, $"Reconcile {day} with the network's settlement file now? The day's result is replaced.");
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{day}: DIFFERENCES");
            await Expect(Figure(page, "reconciliation-status")).ToHaveTextAsync("DIFFERENCES");
            var reconciliation = await app.AdminGetAsync($"/admin/v1/reconciliation/{day}");
            var mismatch = Assert.Single(reconciliation.GetProperty("differences").EnumerateArray(),
                d => d.GetProperty("operationId").ValueKind == JsonValueKind.Number && d.GetProperty("operationId").GetInt64() == operationId);
            Assert.Equal("AMOUNT_MISMATCH", mismatch.GetProperty("kind").GetString());
            Assert.Equal(amountTo + 1m, mismatch.GetProperty("networkAmount").GetDecimal());
            var row = page.GetByRole(AriaRole.Table, new() { Name = "Differences" }).GetByRole(AriaRole.Row)
                .Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = $"#{operationId}" }) });
            await Expect(row).ToContainTextAsync("AMOUNT_MISMATCH");
            await Expect(row).ToContainTextAsync(mismatch.GetProperty("networkAmount").GetRawText());
            await Expect(row).ToContainTextAsync(mismatch.GetProperty("ourAmount").GetRawText());
            await BrowserApp.ScreenshotAsync(page, "reports");
        }
        finally
        {
            await network.DeleteAsync($"settlements/{day}/adjustments");
        }
    }

    [Fact]
    public async Task Without_demo_data_the_root_page_points_to_the_docs_and_every_page_forbids_inline_scripts()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "API documentation" })).ToHaveAttributeAsync("href", "/docs");
        foreach (var path in new[] { "/", "/console" })
        {
            response = await page.GotoAsync(path);
            var policy = await response!.HeaderValueAsync("content-security-policy");
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Every_console_page_passes_the_accessibility_checks()
    {
        var (customerId, phone) = await app.CreateCustomerAsync();
        await app.DepositAsync(customerId, "USDT", 1_000m);
        using var customer = await app.CustomerClientAsync(phone);
        var operationId = (await BrowserApp.PayOutAsync(customer, PaidCard, 100m)).GetProperty("operationId").GetInt64();
        var page = await app.NewPageAsync();
        await page.GotoAsync("/console");
        await Expect(page.GetByLabel("Operator key")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page, "sign-in");
        await SignInAsync(page);
        await Accessibility.AssertNoViolationsAsync(page, "dashboard");

        foreach (var (hash, heading) in new[]
        {
            ("#/payouts", "Payouts"),
            ($"#/payouts/{operationId}", $"Payout #{operationId}"),
            ($"#/customers?phone={Uri.EscapeDataString(phone)}", "Customers"),
            ($"#/customers/{customerId}", $"Customer #{customerId}"),
            ("#/reports", "Reports"),
        })
        {
            await page.GotoAsync("/console" + hash);
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator(".loading")).ToHaveCountAsync(0);
            await Accessibility.AssertNoViolationsAsync(page, hash);
        }
    }

    private static async Task SignInAsync(IPage page)
    {
        if (!page.Url.Contains("/console", StringComparison.Ordinal))
        {
            await page.GotoAsync("/console");
        }

        await page.GetByLabel("Operator key").FillAsync(BrowserApp.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
    }

    private static async Task ConfirmAsync(IPage page, string question)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync(question);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
    }

    private static ILocator Figure(IPage page, string name) => page.Locator($"[data-figure='{name}']");

    /// <summary>A request from the page itself, with its cookies: what a script on another tab of the browser could send.</summary>
    private static Task<int> StatusOfAsync(IPage page, string method, string path, string? body = null, string? csrfToken = null) =>
        page.EvaluateAsync<int>(
            """
            async ([method, path, body, token]) => {
              const headers = body ? { 'Content-Type': 'application/json' } : {};
              if (token) headers['X-CSRF-Token'] = token;
              return (await fetch(path, { method, headers, body: body ?? undefined })).status;
            }
            """,
            new object?[] { method, path, body, csrfToken });

    private async Task<decimal> FloatAvailableAsync(string currency)
    {
        var floats = await app.AdminGetAsync("/admin/v1/network-float");
        return floats.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("currency").GetString() == currency).GetProperty("available").GetDecimal();
    }

    private HttpClient NetworkAdminClient()
    {
        var client = app.CreateClient();
        client.BaseAddress = new Uri(app.BaseUrl + "/sandbox-network/v1/admin/");
        client.DefaultRequestHeaders.Authorization = new("Bearer", Payout.Api.Features.Payouts.Network.PayoutNetworkOptions.DevelopmentKey);
        return client;
    }
}
