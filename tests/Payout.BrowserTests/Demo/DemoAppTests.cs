using System.Globalization;
using Microsoft.Playwright;
using Payout.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Payout.BrowserTests.Demo;

/// <summary>The embedded default with its demo data, on the real clock: the offer's countdown is real time.</summary>
public sealed class DemoHost : BrowserApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Demo:Seed"] = "true",
        ["Sandbox:PendingDelaySeconds"] = "2",
    };
}

/// <summary>The demo customer app at <c>/</c>, in Chromium, as a newcomer uses it after <c>dotnet run</c>.</summary>
public sealed class DemoAppTests(DemoHost app) : IClassFixture<DemoHost>
{
    [Fact]
    public async Task The_demo_customer_adds_a_pending_card_quotes_requotes_executes_and_sees_pending_become_success()
    {
        var page = await app.NewPageAsync();
        var calls = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.ResourceType is "fetch" or "xhr")
            {
                calls.Add(new Uri(request.Url).AbsolutePath);
            }
        };
        var response = await page.GotoAsync("/");
        Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Signed in as +447871239999.");
        await page.GetByLabel("Test card", new() { Exact = true }).SelectOptionAsync("4000000000000010");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add card" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Card 4000***0010 added (APPROVED).");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Your cards" })).ToContainTextAsync("VISA 4000***0010");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Rates" })).ToContainTextAsync("USDT → EUR");
        await Expect(page.Locator("[data-figure=limits]")).ToContainTextAsync("you can pay out up to");

        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("100");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get an offer" }).ClickAsync();
        await Expect(page.Locator("[data-figure=offer-amount]")).ToHaveTextAsync("100 USDT");
        var left = await SecondsLeftAsync(page);
        Assert.InRange(left, 15, 20);
        await BrowserApp.ScreenshotAsync(page, "demo-offer");
        await Accessibility.AssertNoViolationsAsync(page, "demo app with an offer");

        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("55.47614851");
        await page.GetByRole(AriaRole.Button, new() { Name = "Re-quote" }).ClickAsync();
        await Expect(page.Locator("[data-figure=offer-amount]")).ToHaveTextAsync("55.47614851 USDT");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Re-quoted at the current rate.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Execute" }).ClickAsync();
        var status = page.Locator("#payout-status");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Status changes" })).ToContainTextAsync("PENDING");
        await Expect(status).ToHaveTextAsync("SUCCESS", new() { Timeout = 20_000 });
        var steps = await page.GetByRole(AriaRole.List, new() { Name = "Status changes" }).Locator("li").AllTextContentsAsync();
        Assert.Collection(steps, s => Assert.EndsWith("PENDING", s, StringComparison.Ordinal), s => Assert.EndsWith("SUCCESS", s, StringComparison.Ordinal));
        await BrowserApp.ScreenshotAsync(page, "demo-payout");

        Assert.All(calls, path => Assert.True(path == "/oauth/token" || path.StartsWith("/v4/payout/", StringComparison.Ordinal), path));
        Assert.Contains(calls, path => path.StartsWith("/v4/payout/pay/", StringComparison.Ordinal));
        Assert.Contains(calls, path => path.StartsWith("/v4/payout/operations/", StringComparison.Ordinal));
        app.AssertNoPageErrors();
    }

    [Fact]
    public async Task An_expired_offer_cannot_be_executed_until_it_is_requoted()
    {
        var page = await app.NewPageAsync();
        await page.Clock.InstallAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Test card", new() { Exact = true }).SelectOptionAsync("4012888888881881");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add card" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("added");
        await page.GetByLabel("Amount", new() { Exact = true }).FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Get an offer" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Execute" })).ToBeEnabledAsync();

        // The page counts down on its own: run its clock past the offer's 20 seconds instead of waiting.
        await page.Clock.FastForwardAsync("00:21");
        await Expect(page.Locator("#countdown")).ToHaveTextAsync("expired: re-quote");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Execute" })).ToBeDisabledAsync();
        app.AssertNoPageErrors();
    }

    private static async Task<int> SecondsLeftAsync(IPage page)
    {
        var text = await page.Locator("#countdown").TextContentAsync() ?? "";
        return int.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
