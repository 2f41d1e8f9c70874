using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Console;

/// <summary>The console's session over HTTP, on both databases (the session rows live in the database).</summary>
[Collection(SharedClockAppCollection.Name)]
public sealed class ConsoleSessionTests(PayoutApp app)
{
    [Fact]
    public async Task The_operator_key_opens_a_session_whose_cookie_is_http_only_and_same_site_strict()
    {
        using var browser = app.CreateClient();
        var response = await browser.PostAsJsonAsync("/console/api/session", new { key = PayoutApp.AdminKey });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = SetCookieHeaderValue.ParseList(response.Headers.GetValues(HeaderNames.SetCookie).ToList())
            .Single(c => c.Name == "payout-console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Strict, cookie.SameSite);
        Assert.False(cookie.Secure); // http here; SameAsRequest makes it Secure over https
        Assert.Null(cookie.Expires);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/v1/dashboard")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_key_opens_no_session()
    {
        using var browser = app.CreateClient();
        var response = await browser.PostAsJsonAsync("/console/api/session", new { key = "not-the-operator-key" });

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.False(response.Headers.Contains(HeaderNames.SetCookie));
        await (await browser.GetAsync("/admin/v1/dashboard")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_change_through_the_session_needs_its_csrf_token()
    {
        var customer = await app.CreateCustomerAsync();
        using var browser = app.CreateClient();
        var token = await SignInAsync(browser);
        var deposit = $"/admin/v1/customers/{customer.Id}/deposits";

        await (await browser.PostAsJsonAsync(deposit, new { currency = "USDT", amount = 5m })).AssertErrorAsync(HttpStatusCode.Forbidden, "CSRF_TOKEN_INVALID");
        await (await SendAsync(browser, HttpMethod.Post, deposit, "forged", new { currency = "USDT", amount = 5m }))
            .AssertErrorAsync(HttpStatusCode.Forbidden, "CSRF_TOKEN_INVALID");
        Assert.Equal(0m, await app.BalanceAsync(customer.Id, "USDT"));

        var accepted = await SendAsync(browser, HttpMethod.Post, deposit, token, new { currency = "USDT", amount = 5m });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(5m, await app.BalanceAsync(customer.Id, "USDT"));
    }

    [Fact]
    public async Task A_token_of_another_session_is_refused()
    {
        var customer = await app.CreateCustomerAsync();
        using var first = app.CreateClient();
        using var second = app.CreateClient();
        var firstToken = await SignInAsync(first);
        await SignInAsync(second);

        var response = await SendAsync(second, HttpMethod.Put, $"/admin/v1/customers/{customer.Id}/kyc", firstToken, new { kycLevel = "KYC_2" });

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "CSRF_TOKEN_INVALID");
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_every_later_request()
    {
        using var browser = app.CreateClient();
        var token = await SignInAsync(browser);

        await (await SendAsync(browser, HttpMethod.Delete, "/console/api/session", null)).AssertErrorAsync(HttpStatusCode.Forbidden, "CSRF_TOKEN_INVALID");
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(browser, HttpMethod.Delete, "/console/api/session", token)).StatusCode);

        await (await browser.GetAsync("/admin/v1/dashboard")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await browser.GetAsync("/console/api/session")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_session_ends_after_its_idle_time_on_the_service_clock()
    {
        using var browser = app.CreateClient();
        await SignInAsync(browser);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/v1/dashboard")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(21));

        await (await browser.GetAsync("/admin/v1/dashboard")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task The_console_pages_forbid_inline_scripts_and_other_origins()
    {
        using var browser = app.CreateClient();
        foreach (var path in new[] { "/console", "/console/console.js", "/" })
        {
            var response = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    private static async Task<string> SignInAsync(HttpClient browser)
    {
        var response = await browser.PostAsJsonAsync("/console/api/session", new { key = PayoutApp.AdminKey });
        await response.AssertSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("csrfToken").GetString()!;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient browser, HttpMethod method, string path, string? csrfToken, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (csrfToken is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrfToken);
        }

        return browser.SendAsync(request);
    }
}
