using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Cards;

[Collection(SharedAppCollection.Name)]
public sealed class CardsTests(PayoutApp app)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Add_card_with_vaults_integer_number_answers_the_masked_card()
    {
        using var client = await app.ClientForAsync(await app.CreateCustomerAsync());

        var response = await client.PostAsync("/v4/payout/card", Json(
            """{"cardNumber": 4012888888881881, "cardHolder": "John Smith", "cardExpirationYear": 2030, "cardExpirationMonth": 12, "cvv": "123"}"""));

        await response.AssertSuccessAsync();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Number, body.GetProperty("cardId").ValueKind);
        Assert.Equal("VISA", body.GetProperty("cardType").GetString());
        Assert.Equal("4012***1881", body.GetProperty("maskedPan").GetString());
        Assert.Equal("APPROVED", body.GetProperty("validationStatus").GetString());
    }

    [Theory]
    [InlineData("5555 5555 5555 4444", "MASTERCARD", "5555***4444")]
    [InlineData("2223-0031-2200-3222", "MASTERCARD", "2223***3222")]
    [InlineData("4111111111111111", "VISA", "4111***1111")]
    public async Task Add_card_accepts_a_string_of_digits_with_spaces_or_dashes(string number, string type, string masked)
    {
        using var client = await app.ClientForAsync(await app.CreateCustomerAsync());

        var response = await client.PostAsJsonAsync("/v4/payout/card",
            new { cardNumber = number, cardHolder = "Zoë O'Brien-Łukasz", cardExpirationYear = 30, cardExpirationMonth = 1 });

        await response.AssertSuccessAsync();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(type, body.GetProperty("cardType").GetString());
        Assert.Equal(masked, body.GetProperty("maskedPan").GetString());
    }

    [Theory]
    [InlineData("""{"cardNumber": 4012888888881882, "cardHolder": "John Smith", "cardExpirationYear": 2030, "cardExpirationMonth": 12}""", "CARD_INVALID_NUMBER", "cardNumber")]
    [InlineData("""{"cardNumber": "40128888", "cardHolder": "John Smith", "cardExpirationYear": 2030, "cardExpirationMonth": 12}""", "CARD_INVALID_NUMBER", "cardNumber")]
    [InlineData("""{"cardNumber": "4012abcd88881881", "cardHolder": "John Smith", "cardExpirationYear": 2030, "cardExpirationMonth": 12}""", "CARD_INVALID_NUMBER", "cardNumber")]
    [InlineData("""{"cardNumber": 378282246310005, "cardHolder": "John Smith", "cardExpirationYear": 2030, "cardExpirationMonth": 12}""", "CARD_BRAND_NOT_SUPPORTED", "cardNumber")]
    [InlineData("""{"cardNumber": 4012888888881881, "cardHolder": "John Smith", "cardExpirationYear": 2026, "cardExpirationMonth": 10}""", "CARD_EXPIRED", null)]
    [InlineData("""{"cardNumber": 4012888888881881, "cardHolder": "John Smith", "cardExpirationYear": 2030, "cardExpirationMonth": 13}""", "VALIDATION", "cardExpirationMonth")]
    [InlineData("""{"cardNumber": 4012888888881881, "cardHolder": "John Smith", "cardExpirationYear": 2060, "cardExpirationMonth": 1}""", "VALIDATION", "cardExpirationYear")]
    [InlineData("""{"cardNumber": 4012888888881881, "cardHolder": "J", "cardExpirationYear": 2030, "cardExpirationMonth": 12}""", "VALIDATION", "cardHolder")]
    [InlineData("""{"cardNumber": 4012888888881881, "cardHolder": "R2D2", "cardExpirationYear": 2030, "cardExpirationMonth": 12}""", "VALIDATION", "cardHolder")]
    [InlineData("""{"cardNumber": 4012888888881881, "cardHolder": "John Smith", "cardExpirationYear": "2030", "cardExpirationMonth": 12}""", "VALIDATION", "cardExpirationYear")]
    [InlineData("""{"cardNumber": true, "cardHolder": "John Smith", "cardExpirationYear": 2030, "cardExpirationMonth": 12}""", "VALIDATION", "cardNumber")]
    [InlineData("""{"cardHolder": "John Smith", "cardExpirationYear": 2030, "cardExpirationMonth": 12}""", "VALIDATION", "cardNumber")]
    [InlineData("""{"cardNumber": 4012888888881881, "cardHolder": "John Smith", "cardExpirationMonth": 12}""", "VALIDATION", "cardExpirationYear")]
    public async Task Invalid_cards_are_rejected_with_the_specific_code(string json, string code, string? field)
    {
        using var client = await app.ClientForAsync(await app.CreateCustomerAsync());

        var response = await client.PostAsync("/v4/payout/card", Json(json));

        var body = await response.AssertErrorAsync(HttpStatusCode.BadRequest, code, field);
        if (field is null)
        {
            Assert.Equal(JsonValueKind.Null, body.GetProperty("field").ValueKind);
        }
    }

    [Fact]
    public async Task Adding_the_same_number_again_returns_the_same_card_with_the_new_holder()
    {
        using var client = await app.ClientForAsync(await app.CreateCustomerAsync());
        var first = await app.AddCardAsync(client, withBillingAddress: false);

        var again = await client.PostAsJsonAsync("/v4/payout/card",
            new { cardNumber = "4012 8888 8888 1881", cardHolder = "New Name", cardExpirationYear = 2031, cardExpirationMonth = 6 });

        await again.AssertSuccessAsync();
        Assert.Equal(first, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cardId").GetInt64());
    }

    [Fact]
    public async Task The_eleventh_card_is_refused_but_a_known_number_is_not()
    {
        using var client = await app.ClientForAsync(await app.CreateCustomerAsync());
        var numbers = TestCards.ValidVisaNumbers(11);
        foreach (var number in numbers.Take(10))
        {
            await app.AddCardAsync(client, number, withBillingAddress: false);
        }

        var eleventh = await client.PostAsJsonAsync("/v4/payout/card",
            new { cardNumber = numbers[10], cardHolder = "John Smith", cardExpirationYear = 2030, cardExpirationMonth = 12 });
        await eleventh.AssertErrorAsync(HttpStatusCode.BadRequest, "CARD_LIMIT_REACHED");

        var known = await client.PostAsJsonAsync("/v4/payout/card",
            new { cardNumber = numbers[3], cardHolder = "John Smith", cardExpirationYear = 2030, cardExpirationMonth = 12 });
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
    }

    [Fact]
    public async Task A_deleted_card_does_not_count_and_is_restored_when_added_again()
    {
        using var client = await app.ClientForAsync(await app.CreateCustomerAsync());
        var cardId = await app.AddCardAsync(client, withBillingAddress: false);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v4/payout/card/{cardId}")).StatusCode);
        await (await client.DeleteAsync($"/v4/payout/card/{cardId}")).AssertErrorAsync(HttpStatusCode.NotFound, "CARD_NOT_FOUND");

        Assert.Equal(cardId, await app.AddCardAsync(client, withBillingAddress: false));
    }

    [Fact]
    public async Task Billing_address_is_set_and_replaced()
    {
        using var client = await app.ClientForAsync(await app.CreateCustomerAsync());
        var cardId = await app.AddCardAsync(client, withBillingAddress: false);

        var first = await client.PostAsJsonAsync($"/v4/payout/card/{cardId}/billing-address",
            new { address = "1 High Street", city = "London", countryCode = "GB", zip = "SW1A 1AA" });
        var second = await client.PostAsJsonAsync($"/v4/payout/card/{cardId}/billing-address",
            new { address = "5 Rue de Rivoli", city = "Paris", countryCode = "fr", zip = "75001", state = "Île-de-France" });

        await first.AssertSuccessAsync();
        var body = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(cardId, body.GetProperty("cardId").GetInt64());
        Assert.Equal("4012***1881", body.GetProperty("maskedPan").GetString());
        var address = body.GetProperty("billingAddress");
        Assert.Equal("Paris", address.GetProperty("city").GetString());
        Assert.Equal("FR", address.GetProperty("countryCode").GetString());
        Assert.Equal("Île-de-France", address.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("""{"address": "", "city": "London", "countryCode": "GB", "zip": "SW1A 1AA"}""", "address")]
    [InlineData("""{"address": "1 High St", "city": "London", "countryCode": "XX", "zip": "SW1A 1AA"}""", "countryCode")]
    [InlineData("""{"address": "1 High St", "city": "London", "countryCode": "GBR", "zip": "SW1A 1AA"}""", "countryCode")]
    [InlineData("""{"address": "1 High St", "countryCode": "GB", "zip": "SW1A 1AA"}""", "city")]
    [InlineData("""{"address": "1 High St", "city": "London", "countryCode": "GB", "zip": "<script>"}""", "zip")]
    public async Task Invalid_billing_address_is_400_naming_the_field(string json, string field)
    {
        using var client = await app.ClientForAsync(await app.CreateCustomerAsync());
        var cardId = await app.AddCardAsync(client, withBillingAddress: false);

        var response = await client.PostAsync($"/v4/payout/card/{cardId}/billing-address", Json(json));

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", field);
    }

    [Fact]
    public async Task Billing_address_for_an_unknown_card_is_404()
    {
        using var client = await app.ClientForAsync(await app.CreateCustomerAsync());
        var response = await client.PostAsJsonAsync("/v4/payout/card/999999999/billing-address",
            new { address = "1 High Street", city = "London", countryCode = "GB", zip = "SW1A 1AA" });
        await response.AssertErrorAsync(HttpStatusCode.NotFound, "CARD_NOT_FOUND");
    }

    [Fact]
    public async Task Another_customer_cannot_see_or_touch_a_card()
    {
        using var owner = await app.ClientForAsync(await app.CreateCustomerAsync());
        using var stranger = await app.ClientForAsync(await app.CreateCustomerAsync());
        var cardId = await app.AddCardAsync(owner, withBillingAddress: false);

        await (await stranger.PostAsJsonAsync($"/v4/payout/card/{cardId}/billing-address",
            new { address = "1 High Street", city = "London", countryCode = "GB", zip = "SW1A 1AA" }))
            .AssertErrorAsync(HttpStatusCode.NotFound, "CARD_NOT_FOUND");
        await (await stranger.DeleteAsync($"/v4/payout/card/{cardId}")).AssertErrorAsync(HttpStatusCode.NotFound, "CARD_NOT_FOUND");

        // The stranger adding the same number gets a card of their own, not the owner's.
        var strangersCard = await app.AddCardAsync(stranger, withBillingAddress: false);
        Assert.NotEqual(cardId, strangersCard);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"/v4/payout/card/{cardId}")).StatusCode);
    }
}

public static class TestCards
{
    /// <summary>Distinct Luhn-valid Visa numbers, for tests that need many cards.</summary>
    public static List<string> ValidVisaNumbers(int count) =>
        Enumerable.Range(0, count).Select(i => WithCheckDigit($"4000123400{i:D5}")).ToList();

    private static string WithCheckDigit(string fifteenDigits)
    {
        var sum = 0;
        for (var i = 0; i < fifteenDigits.Length; i++)
        {
            var digit = fifteenDigits[fifteenDigits.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return fifteenDigits + (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
