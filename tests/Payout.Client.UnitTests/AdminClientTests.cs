using System.Net;
using System.Text.Json;

namespace Payout.Client.UnitTests;

public sealed class AdminClientTests
{
    private static PayoutAdminClient Admin(StubHandler stub) =>
        new(new HttpClient(stub), new PayoutAdminClientOptions { BaseAddress = TestClients.BaseAddress, ApiKey = "admin-key" });

    [Fact]
    public async Task Create_customer_posts_customer_and_parses_201()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.Customer, HttpStatusCode.Created));

        var customer = await Admin(stub).CreateCustomerAsync(
            new CreateCustomerRequest(TestClients.DemoMerchant, "+447871239999", "1234Qwerty", KycLevels.Kyc1));

        var request = stub.Single;
        Assert.Equal((HttpMethod.Post, "/admin/v1/customers"), (request.Method, request.PathAndQuery));
        Assert.Equal("admin-key", request.Header("X-Admin-Key"));
        using var body = JsonDocument.Parse(request.Body);
        string? Field(string name) => body.RootElement.GetProperty(name).GetString();
        Assert.Equal("bece038f-2e46-49f4-b25e-89cd38d6dc16", Field("merchantId"));
        Assert.Equal("+447871239999", Field("phone"));
        Assert.Equal("1234Qwerty", Field("password"));
        Assert.Equal("KYC_1", Field("kycLevel"));
        Assert.Equal((5L, TestClients.DemoMerchant, "+447871239999", KycLevels.Kyc1), (customer.CustomerId, customer.MerchantId, customer.Phone, customer.KycLevel));
    }

    [Fact]
    public async Task Find_customers_escapes_the_phone_and_unwraps_items()
    {
        var stub = StubHandler.InTurn(() => Answers.Json($$"""{"items": [{{SpecJson.Customer}}]}"""));

        var customers = await Admin(stub).FindCustomersAsync("+447871239999");

        Assert.Equal("/admin/v1/customers?phone=%2B447871239999", stub.Single.PathAndQuery);
        Assert.Equal(5L, Assert.Single(customers).CustomerId);
    }

    [Fact]
    public async Task Change_kyc_level_puts_the_level()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.Customer));

        await Admin(stub).ChangeKycLevelAsync(5, KycLevels.Kyc2);

        Assert.Equal((HttpMethod.Put, "/admin/v1/customers/5/kyc"), (stub.Single.Method, stub.Single.PathAndQuery));
        Assert.Equal("""{"kycLevel":"KYC_2"}""", stub.Single.Body);
    }

    [Fact]
    public async Task Deposit_posts_exact_amount_reference_and_idempotency_key()
    {
        var stub = StubHandler.InTurn(() => Answers.Json("""{"currency": "USDT", "balance": 5760.06209697}"""));

        var balance = await Admin(stub).DepositAsync(5, "USDT", 760.06209697m, "0xabc", "deposit-key-1");

        Assert.Equal((HttpMethod.Post, "/admin/v1/customers/5/deposits"), (stub.Single.Method, stub.Single.PathAndQuery));
        Assert.Equal("""{"currency":"USDT","amount":760.06209697,"reference":"0xabc"}""", stub.Single.Body);
        Assert.Equal("deposit-key-1", stub.Single.Header("Idempotency-Key"));
        Assert.Equal(("USDT", 5760.06209697m), (balance.Currency, balance.Balance));
    }

    [Fact]
    public async Task Deposit_without_reference_omits_it()
    {
        var stub = StubHandler.InTurn(() => Answers.Json("""{"currency": "BTC", "balance": 1}"""));

        await Admin(stub).DepositAsync(5, "BTC", 0.5m);

        Assert.Equal("""{"currency":"BTC","amount":0.5}""", stub.Single.Body);
        Assert.Null(stub.Single.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task Get_balances_parses_every_balance_exactly()
    {
        var balances = await Admin(StubHandler.InTurn(() => Answers.Json(SpecJson.Balances))).GetBalancesAsync(5);

        Assert.Equal(5L, balances.CustomerId);
        Assert.Equal(123456789.12345678m, balances.Balances[1].Balance);
    }

    [Fact]
    public async Task Unknown_customer_throws_with_code()
    {
        var stub = StubHandler.InTurn(() => Answers.Error(HttpStatusCode.NotFound, "CUSTOMER_NOT_FOUND", 5001, "No such customer."));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => Admin(stub).GetBalancesAsync(99));

        Assert.Equal((HttpStatusCode.NotFound, PayoutErrorCodes.CustomerNotFound, 5001), (error.StatusCode, error.Error, error.ErrorId));
    }
}
