using System.Net;
using System.Text;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Conventions;

/// <summary>Bad input of any kind is a 4xx with the error body, never a 5xx (spec §2).</summary>
[Collection(SharedAppCollection.Name)]
public sealed class MalformedRequestTests(PayoutApp app)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("{\"currency\":\"BTC\",")]
    [InlineData("not json")]
    [InlineData("{\"currency\":\"BTC\" \"amount\":1}")]
    [InlineData("[1,2,3]")]
    [InlineData("")]
    public async Task Broken_json_is_400_validation(string body)
    {
        var customer = await app.CreateCustomerAsync();
        using var admin = app.AdminClient();

        var response = await admin.PostAsync($"/admin/v1/customers/{customer.Id}/deposits", Json(body));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION");
    }

    [Fact]
    public async Task Deeply_nested_json_is_400_validation()
    {
        var customer = await app.CreateCustomerAsync();
        using var admin = app.AdminClient();
        var nested = "{\"currency\":\"BTC\",\"amount\":1,\"x\":" + new string('[', 5000) + new string(']', 5000) + "}";

        var response = await admin.PostAsync($"/admin/v1/customers/{customer.Id}/deposits", Json(nested));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Equal(0m, await app.BalanceAsync(customer.Id, "BTC"));
    }

    [Fact]
    public async Task Body_over_64_KiB_is_413()
    {
        var customer = await app.CreateCustomerAsync();
        using var admin = app.AdminClient();
        var huge = "{\"currency\":\"BTC\",\"amount\":1,\"reference\":\"" + new string('a', 100 * 1024) + "\"}";

        var response = await admin.PostAsync($"/admin/v1/customers/{customer.Id}/deposits", Json(huge));

        await response.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Equal(0m, await app.BalanceAsync(customer.Id, "BTC"));
    }

    [Fact]
    public async Task Wrong_content_type_is_4xx_with_the_error_body()
    {
        var customer = await app.CreateCustomerAsync();
        using var admin = app.AdminClient();

        var response = await admin.PostAsync($"/admin/v1/customers/{customer.Id}/deposits",
            new StringContent("{\"currency\":\"BTC\",\"amount\":1}", Encoding.UTF8, "text/plain"));

        Assert.InRange((int)response.StatusCode, 400, 499);
        await response.AssertErrorAsync(response.StatusCode, "VALIDATION");
    }

    [Theory]
    [InlineData("/nope")]
    [InlineData("/v4/payout/nothing-here")]
    [InlineData("/admin/v1/customers/1/unknown")]
    public async Task Unknown_route_is_404_not_found(string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);
        await response.AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Wrong_method_is_405_method_not_allowed()
    {
        using var admin = app.AdminClient();
        var response = await admin.DeleteAsync("/admin/v1/customers");
        await response.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    [Fact]
    public async Task A_non_numeric_id_in_the_path_is_404()
    {
        using var admin = app.AdminClient();
        var response = await admin.GetAsync("/admin/v1/customers/abc/balances");
        await response.AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
