using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Payout.Sandbox.Tests.Infrastructure;

namespace Payout.Sandbox.Tests.Protocol;

public sealed class AuthenticationTests(SandboxApp app) : IClassFixture<SandboxApp>
{
    public static readonly TheoryData<string, string> Endpoints = new()
    {
        { "POST", "/v1/payouts" },
        { "GET", "/v1/payouts/po-1" },
        { "POST", "/v1/eligibility" },
        { "GET", "/v1/admin/payouts" },
        { "POST", "/v1/admin/outage" },
        { "DELETE", "/v1/admin/outage" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Every_endpoint_without_the_key_answers_401(string method, string path)
    {
        using var client = app.CreateClient();

        using var response = await client.SendAsync(Request(method, path));

        await AssertUnauthorizedAsync(response);
    }

    [Theory]
    [InlineData("Bearer wrong-key-0123456789")]
    [InlineData("Bearer")]
    [InlineData("Basic dGVzdC1zYW5kYm94LWtleS0wMTIzNDU2Nzg5")]
    [InlineData(SandboxApp.ApiKey)]
    public async Task A_wrong_key_or_scheme_answers_401(string authorization)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.GetAsync("/v1/admin/payouts");

        await AssertUnauthorizedAsync(response);
    }

    [Fact]
    public async Task The_key_is_accepted_whatever_the_case_of_the_scheme()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", SandboxApp.ApiKey);

        using var response = await client.GetAsync("/v1/admin/payouts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null };

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UNAUTHORIZED", (await response.Content.ReadFromJsonAsync<ErrorBody>())!.Error);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }
}
