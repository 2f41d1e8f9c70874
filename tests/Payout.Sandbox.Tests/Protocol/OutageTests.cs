using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Payout.Sandbox.Tests.Infrastructure;

namespace Payout.Sandbox.Tests.Protocol;

public sealed class OutageTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    private const string Card = "4111111111111111";

    [Fact]
    public async Task During_an_outage_every_network_request_is_503_and_nothing_is_recorded_until_it_ends()
    {
        var known = await app.CreatePayoutAsync(Card);
        await StartOutageAsync(seconds: 60);
        var id = SandboxApp.NewId();

        using var create = await app.CreateAsync(Card, id, SandboxApp.NewKey());
        using var status = await app.GetAsync(known.PayoutId);
        using var eligibility = await app.CheckEligibilityAsync(Card);
        using var noKey = app.CreateClient();
        using var anonymous = await noKey.GetAsync($"/v1/payouts/{known.PayoutId}");

        foreach (var response in new[] { create, status, eligibility, anonymous })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("UNAVAILABLE", (await response.Content.ReadFromJsonAsync<ErrorBody>())!.Error);
        }

        Assert.Null(await app.AdminPayoutAsync(id));

        app.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(known, await app.GetPayoutAsync(known.PayoutId));
    }

    [Fact]
    public async Task Ending_the_outage_early_restores_service_at_once()
    {
        await StartOutageAsync(seconds: 3600);
        using (var during = await app.GetAsync(SandboxApp.NewId()))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        }

        using var client = app.Client();
        using var ended = await client.DeleteAsync("/v1/admin/outage");

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal("PAID", (await app.CreatePayoutAsync(Card)).Status);
    }

    [Theory]
    [InlineData("""{"seconds":0}""")]
    [InlineData("""{"seconds":86401}""")]
    [InlineData("""{"seconds":"5"}""")]
    [InlineData("""{}""")]
    public async Task An_outage_needs_1_to_86400_seconds(string body)
    {
        using var client = app.Client();

        using var response = await client.PostAsync("/v1/admin/outage", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var status = await app.GetAsync(SandboxApp.NewId());
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
    }

    private async Task StartOutageAsync(int seconds)
    {
        using var client = app.Client();
        using var response = await client.PostAsJsonAsync("/v1/admin/outage", new { seconds });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(app.Clock.GetUtcNow().AddSeconds(seconds), json.RootElement.GetProperty("until").GetDateTimeOffset());
    }
}
