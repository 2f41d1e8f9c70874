using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Hostile;

/// <summary>
/// Each row of issue 11's table and each point of its "also questionable" paragraph, answered as decided (README,
/// "Input rules"). The generated suite (<see cref="HostileInputTests"/>) covers the same ground broadly; these name the cases.
/// </summary>
public sealed class InputRulesTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    private const string TooPrecise = "1.000000000000000000000000000001";

    [Theory]
    [InlineData("application/json; charset=bogus-42")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=iso-8859-1")]
    public async Task A_charset_other_than_utf8_is_400_validation_on_a_json_route(string contentType)
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();

        var response = await client.PostAsync("/v4/payout/offer", Body($"{{\"amount\": 100, \"fromCurrency\": \"USDT\", \"toCurrency\": \"EUR\", \"cardId\": {cardId}}}", contentType));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "Content-Type");
    }

    [Fact]
    public async Task A_charset_other_than_utf8_is_400_validation_on_the_token_route()
    {
        var customer = await app.CreateCustomerAsync();

        var response = await TokenAsync($"grant_type=mobile_phone&number={Uri.EscapeDataString(customer.Phone)}&password={customer.Password}",
            "application/x-www-form-urlencoded; charset=bogus-42");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "Content-Type");
    }

    [Theory]
    [InlineData("number", "grant_type=mobile_phone&number={phone}%00&password={password}")]
    [InlineData("grant_type", "grant_type=mobile_phone%00&number={phone}&password={password}")]
    [InlineData("password", "grant_type=mobile_phone&number={phone}&password={password}%00")]
    [InlineData("number", "grant_type=mobile_phone&number={phone}%ED%A0%80&password={password}")]
    public async Task Nul_or_broken_unicode_in_a_form_value_is_400_validation(string field, string form)
    {
        var customer = await app.CreateCustomerAsync();

        var response = await TokenAsync(form.Replace("{phone}", Uri.EscapeDataString(customer.Phone), StringComparison.Ordinal)
            .Replace("{password}", customer.Password, StringComparison.Ordinal));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", field);
    }

    [Fact]
    public async Task A_form_field_sent_twice_is_400_validation()
    {
        var customer = await app.CreateCustomerAsync();

        var response = await TokenAsync($"grant_type=mobile_phone&number={Uri.EscapeDataString(customer.Phone)}&password=wrong&password={customer.Password}");

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "password");
    }

    /// <summary>An escaped lone surrogate (bytes: none, the JSON escape is the problem), or raw bytes that are not UTF-8 — invalid,
    /// overlong, a surrogate encoded raw — inside the number's string: never a 500.</summary>
    [Theory]
    [InlineData("\\ud800Fuzz", "")]
    [InlineData("\\udfff4111111111111111", "")]
    [InlineData("4111", "ff")]
    [InlineData("4111", "c0af")]
    [InlineData("4111", "eda080")]
    public async Task Broken_unicode_in_the_card_number_is_400_validation_and_adds_no_card(string text, string rawHex)
    {
        var (_, client, _) = await app.PayingCustomerAsync(deposit: 0);
        byte[] body = [.. Encoding.UTF8.GetBytes("{\"cardNumber\": \"" + text), .. Convert.FromHexString(rawHex),
            .. Encoding.UTF8.GetBytes("1111\", \"cardHolder\": \"Test Customer\", \"cardExpirationYear\": 2030, \"cardExpirationMonth\": 12}")];

        var response = await client.PostAsync("/v4/payout/card", new ByteArrayContent(body) { Headers = { { "Content-Type", "application/json" } } });

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "cardNumber");
        Assert.Single((await client.GetFromJsonAsync<JsonElement>("/v4/payout/data")).GetProperty("cards").EnumerateArray());
    }

    [Theory]
    [InlineData("-4111111111111111")]
    [InlineData("-4012888888881881")]
    [InlineData("4.012888888881881e15")]
    [InlineData("4012888888881881.0")]
    public async Task A_card_number_that_is_not_a_plain_positive_integer_is_card_invalid_number(string number)
    {
        var (_, client, _) = await app.PayingCustomerAsync(deposit: 0);

        var response = await client.PostAsync("/v4/payout/card",
            Body($"{{\"cardNumber\": {number}, \"cardHolder\": \"Test Customer\", \"cardExpirationYear\": 2030, \"cardExpirationMonth\": 12}}"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "CARD_INVALID_NUMBER", "cardNumber");
    }

    [Fact]
    public async Task More_than_28_decimals_is_400_validation_on_every_amount_and_never_rounded()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        var offerId = (await app.OfferAsync(client, cardId, 100m)).GetProperty("offerId").GetInt64();
        using var admin = app.AdminClient();
        var floatBefore = await admin.GetStringAsync("/admin/v1/network-float");

        var answers = new[]
        {
            await client.PostAsync("/v4/payout/offer", Body($"{{\"amount\": {TooPrecise}, \"fromCurrency\": \"USDT\", \"toCurrency\": \"EUR\", \"cardId\": {cardId}}}")),
            await client.PutAsync($"/v4/payout/offer/{offerId}", Body($"{{\"amount\": {TooPrecise}, \"fromCurrency\": \"USDT\", \"toCurrency\": \"EUR\"}}")),
            await admin.PostAsync($"/admin/v1/customers/{customer.Id}/deposits", Body($"{{\"currency\": \"USDT\", \"amount\": {TooPrecise}}}")),
            await admin.PostAsync($"/admin/v1/customers/{customer.Id}/withdrawals", Body($"{{\"currency\": \"USDT\", \"amount\": {TooPrecise}}}")),
            await admin.PostAsync("/admin/v1/network-float/EUR/top-ups", Body($"{{\"amount\": {TooPrecise}}}")),
        };

        foreach (var answer in answers)
        {
            var body = await answer.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "amount");
            Assert.Contains("28 decimals", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(1_000m, await app.BalanceAsync(customer.Id, "USDT"));
        Assert.Equal(floatBefore, await admin.GetStringAsync("/admin/v1/network-float"));
    }

    [Fact]
    public async Task An_unknown_openapi_document_is_404_with_the_error_body_and_a_query_cannot_pick_another()
    {
        using var client = app.CreateClient();

        await (await client.GetAsync("/openapi/v2.json")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        var v1 = await client.GetAsync("/openapi/v1.json?documentName=v2");
        Assert.Equal(HttpStatusCode.OK, v1.StatusCode);
        Assert.Equal("3.1.1", (await v1.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("openapi").GetString());
    }

    [Theory]
    [InlineData("{\"currency\": \"USDT\", \"amount\": 1, \"amount\": 1000}")]
    [InlineData("{\"currency\": \"USDT\", \"amount\": 1, \"Amount\": 1000}")]
    [InlineData("{\"currency\": \"USDT\", \"currency\": \"BTC\", \"amount\": 1}")]
    public async Task A_member_named_twice_is_400_validation_and_moves_nothing(string json)
    {
        var customer = await app.CreateCustomerAsync();
        using var admin = app.AdminClient();

        var response = await admin.PostAsync($"/admin/v1/customers/{customer.Id}/deposits", Body(json));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION");
        Assert.Equal(0m, await app.BalanceAsync(customer.Id, "USDT"));
        Assert.Equal(0m, await app.BalanceAsync(customer.Id, "BTC"));
    }

    /// <summary>Blank stands for empty too: the test host drops a header whose value is empty, and Kestrel trims a blank one to empty.</summary>
    [Theory]
    [InlineData(" ", null)]
    [InlineData("key-1", "key-2")]
    [InlineData("key-1", "key-1")]
    public async Task A_blank_or_repeated_idempotency_key_is_400_and_moves_nothing(string first, string? second)
    {
        string[] keys = second is null ? [first] : [first, second];
        var customer = await app.CreateCustomerAsync();
        using var admin = app.AdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/v1/customers/{customer.Id}/deposits")
        {
            Content = Body("{\"currency\": \"USDT\", \"amount\": 10}"),
        };
        foreach (var key in keys)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        await (await admin.SendAsync(request)).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "Idempotency-Key");
        Assert.Equal(0m, await app.BalanceAsync(customer.Id, "USDT"));
    }

    [Theory]
    [InlineData("address", "1 High\\u0000 Street")]
    [InlineData("address", "1 High \\uffff Street")]
    [InlineData("city", "Lon\\ufdd0don")]
    [InlineData("state", "Greater\\u0000London")]
    [InlineData("state", "Greater \\ufffe London")]
    [InlineData("zip", "SW1A\\u00001AA")]
    public async Task Nul_and_non_characters_in_a_billing_address_are_400_validation(string field, string value)
    {
        var (_, client, cardId) = await app.PayingCustomerAsync(deposit: 0);
        var members = new Dictionary<string, string> { ["address"] = "2 High Street", ["city"] = "London", ["countryCode"] = "GB", ["zip"] = "SW1A 1AA", ["state"] = "Kent" };
        members[field] = value;
        var json = "{" + string.Join(", ", members.Select(m => $"\"{m.Key}\": \"{m.Value}\"")) + "}";

        var response = await client.PostAsync($"/v4/payout/card/{cardId}/billing-address", Body(json));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", field);
    }

    [Theory]
    [InlineData("correct\\u0000horse-9")]
    [InlineData("correct\\uffffhorse-9")]
    [InlineData("correct\\ud800horse-9")]
    public async Task Nul_and_non_characters_in_a_password_are_400_validation(string password)
    {
        using var admin = app.AdminClient();

        var response = await admin.PostAsync("/admin/v1/customers",
            Body($"{{\"merchantId\": \"{TestCustomer.MerchantId}\", \"phone\": \"{app.NewPhone()}\", \"password\": \"{password}\", \"kycLevel\": \"KYC_1\"}}"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "password");
    }

    [Theory]
    [InlineData("ref\\u0000erence")]
    [InlineData("ref\\ufdefrence")]
    [InlineData("ref\\u001b[31mred")]
    public async Task Nul_and_non_characters_in_a_reference_are_400_validation_and_move_nothing(string reference)
    {
        var customer = await app.CreateCustomerAsync();
        using var admin = app.AdminClient();
        var floatBefore = await admin.GetStringAsync("/admin/v1/network-float");

        var deposit = await admin.PostAsync($"/admin/v1/customers/{customer.Id}/deposits", Body($"{{\"currency\": \"USDT\", \"amount\": 10, \"reference\": \"{reference}\"}}"));
        var topUp = await admin.PostAsync("/admin/v1/network-float/EUR/top-ups", Body($"{{\"amount\": 10, \"reference\": \"{reference}\"}}"));

        await deposit.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "reference");
        await topUp.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "reference");
        Assert.Equal(0m, await app.BalanceAsync(customer.Id, "USDT"));
        Assert.Equal(floatBefore, await admin.GetStringAsync("/admin/v1/network-float"));
    }

    [Theory]
    [InlineData(201)]
    [InlineData(10_000)]
    public async Task A_reference_longer_than_200_characters_is_400_validation(int length)
    {
        var customer = await app.CreateCustomerAsync();
        using var admin = app.AdminClient();
        var reference = new string('r', length);

        var deposit = await admin.PostAsync($"/admin/v1/customers/{customer.Id}/deposits", Body($"{{\"currency\": \"USDT\", \"amount\": 10, \"reference\": \"{reference}\"}}"));
        var topUp = await admin.PostAsync("/admin/v1/network-float/EUR/top-ups", Body($"{{\"amount\": 10, \"reference\": \"{reference}\"}}"));

        await deposit.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "reference");
        await topUp.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "reference");
        Assert.Equal(0m, await app.BalanceAsync(customer.Id, "USDT"));
    }

    [Fact]
    public async Task A_string_anywhere_in_a_body_is_at_most_1000_characters()
    {
        var (_, client, _) = await app.PayingCustomerAsync(deposit: 0);

        var response = await client.PostAsync("/v4/payout/card",
            Body($"{{\"cardNumber\": \"4012888888881881\", \"cardHolder\": \"Test Customer\", \"cardExpirationYear\": 2030, \"cardExpirationMonth\": 12, \"note\": \"{new string('n', 1001)}\"}}"));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "note");
    }

    [Fact]
    public async Task A_top_up_without_a_reference_is_accepted_as_the_document_says()
    {
        var schema = JsonDocument.Parse(await File.ReadAllTextAsync(CommittedOpenApi.FilePath)).RootElement
            .GetProperty("components").GetProperty("schemas").GetProperty("NetworkFloatTopUpRequest");
        using var admin = app.AdminClient();

        var response = await admin.PostAsync("/admin/v1/network-float/USD/top-ups", Body("{\"amount\": 10}"));

        Assert.DoesNotContain("reference", schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Answers_give_amounts_in_canonical_form_whatever_the_input_precision()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        using var admin = app.AdminClient();

        var deposit = await admin.PostAsync($"/admin/v1/customers/{customer.Id}/deposits", Body("{\"currency\": \"USDT\", \"amount\": 1.10000000000000000000}"));
        var offer = await client.PostAsync("/v4/payout/offer", Body($"{{\"amount\": 100.000000000000000000, \"fromCurrency\": \"USDT\", \"toCurrency\": \"EUR\", \"cardId\": {cardId}}}"));

        Assert.Contains("\"balance\":1001.1}", await deposit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"amount\":100,", await offer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var balances = await admin.GetStringAsync($"/admin/v1/customers/{customer.Id}/balances");
        Assert.Contains("\"balance\":1001.1}", balances, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/health/live", "DELETE")]
    [InlineData("/health/live", "TRACE")]
    [InlineData("/health/ready", "POST")]
    [InlineData("/health/ready", "FOO")]
    [InlineData("/metrics", "DELETE")]
    [InlineData("/metrics", "PUT")]
    [InlineData("/metrics", "TRACE")]
    public async Task Probes_and_metrics_answer_other_methods_with_405(string path, string method)
    {
        using var client = app.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "METHOD_NOT_ALLOWED");
    }

    private static StringContent Body(string json, string contentType = "application/json")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private async Task<HttpResponseMessage> TokenAsync(string form, string contentType = "application/x-www-form-urlencoded")
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = Body(form, contentType) };
        request.Headers.Add("X-Merchant-ID", TestCustomer.MerchantId);
        return await client.SendAsync(request);
    }
}
