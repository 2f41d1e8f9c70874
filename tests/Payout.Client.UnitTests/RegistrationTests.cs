using Microsoft.Extensions.DependencyInjection;

namespace Payout.Client.UnitTests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task Add_payout_client_builds_a_typed_client_from_options_and_returns_the_http_client_builder()
    {
        var stub = StubHandler.InTurn(() => Answers.Tokens("at-1", "rt-1"), () => Answers.Json(SpecJson.Data));
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddPayoutClient(o =>
        {
            o.BaseAddress = new Uri("https://payout.example/");
            o.MerchantId = TestClients.DemoMerchant;
        });
        builder.ConfigurePrimaryHttpMessageHandler(() => stub);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<PayoutClient>().SignInAsync("+447871239999", "1234Qwerty");
        await provider.GetRequiredService<PayoutClient>().GetDataAsync();

        Assert.Equal("https://payout.example/oauth/token", stub.Requests[0].Uri.ToString());
        Assert.Equal("bece038f-2e46-49f4-b25e-89cd38d6dc16", stub.Requests[0].Header("X-Merchant-ID"));
        Assert.Equal("Bearer at-1", stub.Requests[1].Header("Authorization"));
    }

    [Fact]
    public void Add_payout_client_clients_share_one_session()
    {
        var services = new ServiceCollection();
        services.AddPayoutClient(o => o.BaseAddress = new Uri("https://payout.example/"));
        using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<PayoutClient>();
        var second = provider.GetRequiredService<PayoutClient>();

        Assert.Same(first.Session, second.Session);
        Assert.Same(provider.GetRequiredService<PayoutSession>(), first.Session);
    }

    [Fact]
    public async Task Add_payout_admin_client_sends_the_admin_key()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.Balances));
        var services = new ServiceCollection();
        services.AddPayoutAdminClient(o =>
        {
            o.BaseAddress = new Uri("https://payout.example/");
            o.ApiKey = "admin-key";
        }).ConfigurePrimaryHttpMessageHandler(() => stub);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<PayoutAdminClient>().GetBalancesAsync(5);

        Assert.Equal("https://payout.example/admin/v1/customers/5/balances", stub.Single.Uri.ToString());
        Assert.Equal("admin-key", stub.Single.Header("X-Admin-Key"));
    }
}
