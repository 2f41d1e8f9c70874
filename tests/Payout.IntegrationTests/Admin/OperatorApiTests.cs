using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Admin;

[Collection(SharedAppCollection.Name)]
public sealed class OperatorApiTests(PayoutApp app)
{
    [Fact]
    public async Task Create_customer_answers_201_with_the_customer()
    {
        using var admin = app.AdminClient();
        var phone = app.NewPhone();

        var response = await admin.PostAsJsonAsync("/admin/v1/customers",
            new { merchantId = TestCustomer.MerchantId, phone, password = "s3cret-pass", kycLevel = "KYC_2" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Number, body.GetProperty("customerId").ValueKind);
        Assert.Equal(TestCustomer.MerchantId, body.GetProperty("merchantId").GetString());
        Assert.Equal(phone, body.GetProperty("phone").GetString());
        Assert.Equal("KYC_2", body.GetProperty("kycLevel").GetString());
        Assert.False(body.TryGetProperty("password", out _));
        Assert.False(body.TryGetProperty("passwordHash", out _));
    }

    [Fact]
    public async Task Without_the_admin_key_every_operator_route_is_401()
    {
        var customer = await app.CreateCustomerAsync();
        using var anonymous = app.CreateClient();
        using var wrongKey = app.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Admin-Key", "not-the-key-at-all-no");

        foreach (var client in new[] { anonymous, wrongKey })
        {
            (await client.GetAsync($"/admin/v1/customers/{customer.Id}/balances")).Dispose();
            await (await client.GetAsync($"/admin/v1/customers/{customer.Id}/balances")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            await (await client.GetAsync($"/admin/v1/customers?phone={Uri.EscapeDataString(customer.Phone)}")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            await (await client.PostAsJsonAsync($"/admin/v1/customers/{customer.Id}/deposits", new { currency = "BTC", amount = 1 }))
                .AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            await (await client.PutAsJsonAsync($"/admin/v1/customers/{customer.Id}/kyc", new { kycLevel = "KYC_3" }))
                .AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        Assert.Equal(0m, await app.BalanceAsync(customer.Id, "BTC"));
    }

    [Fact]
    public async Task Find_by_phone_returns_the_customer()
    {
        var customer = await app.CreateCustomerAsync();
        using var admin = app.AdminClient();

        var body = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/customers?phone={Uri.EscapeDataString(customer.Phone)}");

        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(customer.Id, item.GetProperty("customerId").GetInt64());
    }

    [Fact]
    public async Task Find_by_unknown_phone_returns_no_items()
    {
        using var admin = app.AdminClient();
        var body = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/customers?phone={Uri.EscapeDataString(app.NewPhone())}");
        Assert.Empty(body.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Duplicate_phone_at_one_merchant_is_409_conflict_and_logs_no_error()
    {
        var customer = await app.CreateCustomerAsync();
        using var admin = app.AdminClient();
        var errorsBefore = DatabaseErrorLines();

        var response = await admin.PostAsJsonAsync("/admin/v1/customers",
            new { merchantId = TestCustomer.MerchantId, phone = customer.Phone, password = "another-pass", kycLevel = "KYC_1" });

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "CONFLICT", "phone");
        // An answered conflict is not an error an operator should be paged for (EF's own record of it is at Debug).
        Assert.Equal(errorsBefore, DatabaseErrorLines());
    }

    private int DatabaseErrorLines() =>
        app.Logs.Lines.Count(line => line.StartsWith("Error Microsoft.EntityFrameworkCore", StringComparison.Ordinal));

    [Fact]
    public async Task Unknown_merchant_is_404()
    {
        using var admin = app.AdminClient();
        var response = await admin.PostAsJsonAsync("/admin/v1/customers",
            new { merchantId = Guid.NewGuid().ToString(), phone = app.NewPhone(), password = "s3cret-pass", kycLevel = "KYC_1" });
        await response.AssertErrorAsync(HttpStatusCode.NotFound, "MERCHANT_NOT_FOUND");
    }

    [Theory]
    [InlineData("{\"merchantId\":\"bece038f-2e46-49f4-b25e-89cd38d6dc16\",\"phone\":\"07871239999\",\"password\":\"s3cret-pass\",\"kycLevel\":\"KYC_1\"}", "phone")]
    [InlineData("{\"merchantId\":\"bece038f-2e46-49f4-b25e-89cd38d6dc16\",\"phone\":\"+447871230000\",\"password\":\"short\",\"kycLevel\":\"KYC_1\"}", "password")]
    [InlineData("{\"merchantId\":\"bece038f-2e46-49f4-b25e-89cd38d6dc16\",\"phone\":\"+447871230000\",\"password\":\"s3cret-pass\",\"kycLevel\":\"KYC_9\"}", "kycLevel")]
    [InlineData("{\"merchantId\":\"not-a-uuid\",\"phone\":\"+447871230000\",\"password\":\"s3cret-pass\",\"kycLevel\":\"KYC_1\"}", "merchantId")]
    [InlineData("{\"merchantId\":\"bece038f-2e46-49f4-b25e-89cd38d6dc16\",\"phone\":447871230000,\"password\":\"s3cret-pass\",\"kycLevel\":\"KYC_1\"}", "phone")]
    public async Task Invalid_customer_fields_are_400_naming_the_field(string json, string field)
    {
        using var admin = app.AdminClient();
        var response = await admin.PostAsync("/admin/v1/customers", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", field);
    }

    [Fact]
    public async Task Change_kyc_level_answers_the_updated_customer()
    {
        var customer = await app.CreateCustomerAsync("KYC_0");
        using var admin = app.AdminClient();

        var response = await admin.PutAsJsonAsync($"/admin/v1/customers/{customer.Id}/kyc", new { kycLevel = "KYC_3" });

        await response.AssertSuccessAsync();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("KYC_3", body.GetProperty("kycLevel").GetString());
    }

    [Fact]
    public async Task Unknown_customer_is_404_on_every_customer_route()
    {
        using var admin = app.AdminClient();
        const long unknown = 987_654_321;

        await (await admin.PutAsJsonAsync($"/admin/v1/customers/{unknown}/kyc", new { kycLevel = "KYC_1" }))
            .AssertErrorAsync(HttpStatusCode.NotFound, "CUSTOMER_NOT_FOUND");
        await (await admin.GetAsync($"/admin/v1/customers/{unknown}/balances"))
            .AssertErrorAsync(HttpStatusCode.NotFound, "CUSTOMER_NOT_FOUND");
        await (await admin.PostAsJsonAsync($"/admin/v1/customers/{unknown}/deposits", new { currency = "BTC", amount = 1 }))
            .AssertErrorAsync(HttpStatusCode.NotFound, "CUSTOMER_NOT_FOUND");
    }

    [Fact]
    public async Task Deposit_credits_the_wallet_and_balances_list_every_crypto()
    {
        var customer = await app.CreateCustomerAsync();

        Assert.Equal(1.5m, await app.DepositAsync(customer.Id, "ETH", 1.5m));
        Assert.Equal(1.75000001m, await app.DepositAsync(customer.Id, "ETH", 0.25000001m));

        using var admin = app.AdminClient();
        var body = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/customers/{customer.Id}/balances");
        Assert.Equal(customer.Id, body.GetProperty("customerId").GetInt64());
        var balances = body.GetProperty("balances").EnumerateArray()
            .ToDictionary(b => b.GetProperty("currency").GetString()!, b => b.GetProperty("balance").GetDecimal());
        Assert.Equal(1.75000001m, balances["ETH"]);
        Assert.Equal(0m, balances["BTC"]);
        Assert.Equal(8, balances.Count);
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Deposit_with_a_reference_credits_once_when_sent_again()
    {
        var customer = await app.CreateCustomerAsync();
        var reference = $"tx-{Guid.NewGuid()}";

        await app.DepositAsync(customer.Id, "BTC", 0.1m, reference);
        var again = await app.DepositAsync(customer.Id, "BTC", 0.1m, reference);

        Assert.Equal(0.1m, again);
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Deposit_reference_reused_for_a_different_amount_is_409()
    {
        var customer = await app.CreateCustomerAsync();
        var reference = $"tx-{Guid.NewGuid()}";
        await app.DepositAsync(customer.Id, "BTC", 0.1m, reference);
        using var admin = app.AdminClient();

        var response = await admin.PostAsJsonAsync($"/admin/v1/customers/{customer.Id}/deposits",
            new { currency = "BTC", amount = 0.2m, reference });

        await response.AssertErrorAsync(HttpStatusCode.Conflict, "CONFLICT", "reference");
        Assert.Equal(0.1m, await app.BalanceAsync(customer.Id, "BTC"));
    }

    [Fact]
    public async Task Deposit_reference_sent_20_times_in_parallel_credits_once()
    {
        var customer = await app.CreateCustomerAsync();
        var reference = $"tx-{Guid.NewGuid()}";
        using var admin = app.AdminClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            admin.PostAsJsonAsync($"/admin/v1/customers/{customer.Id}/deposits", new { currency = "USDT", amount = 100m, reference })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(100m, await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    [Theory]
    [InlineData("{\"currency\":\"BTC\",\"amount\":0}", "amount")]
    [InlineData("{\"currency\":\"BTC\",\"amount\":-1}", "amount")]
    [InlineData("{\"currency\":\"BTC\",\"amount\":0.000000001}", "amount")]
    [InlineData("{\"currency\":\"BTC\",\"amount\":1000000001}", "amount")]
    [InlineData("{\"currency\":\"BTC\",\"amount\":\"10\"}", "amount")]
    [InlineData("{\"currency\":\"BTC\",\"amount\":1e400}", "amount")]
    [InlineData("{\"currency\":\"BTC\"}", "amount")]
    [InlineData("{\"currency\":\"DOGE\",\"amount\":1}", "currency")]
    [InlineData("{\"currency\":\"EUR\",\"amount\":1}", "currency")]
    public async Task Invalid_deposits_are_400_and_credit_nothing(string json, string field)
    {
        var customer = await app.CreateCustomerAsync();
        using var admin = app.AdminClient();

        var response = await admin.PostAsync($"/admin/v1/customers/{customer.Id}/deposits",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", field);
        Assert.Equal(0m, await app.BalanceAsync(customer.Id, "BTC"));
    }

    [Fact]
    public async Task Withdrawal_beyond_the_balance_is_refused_and_moves_nothing()
    {
        var customer = await app.CreateCustomerAsync();
        await app.DepositAsync(customer.Id, "LTC", 2m);
        using var admin = app.AdminClient();

        var response = await admin.PostAsJsonAsync($"/admin/v1/customers/{customer.Id}/withdrawals", new { currency = "LTC", amount = 2.00000001m });

        var body = await response.AssertErrorAsync(HttpStatusCode.BadRequest, "INSUFFICIENT_FUNDS");
        Assert.Equal((0.00000001m, "LTC"), (body.GetProperty("data").GetProperty("needed").GetDecimal(), body.GetProperty("data").GetProperty("currency").GetString()));
        Assert.Equal(2m, await app.BalanceAsync(customer.Id, "LTC"));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Merchants_come_from_configuration()
    {
        using var admin = app.AdminClient();
        var body = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/merchants");
        Assert.Contains(body.GetProperty("items").EnumerateArray(), m => m.GetProperty("merchantId").GetString() == TestCustomer.MerchantId);
    }
}
