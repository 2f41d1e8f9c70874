using System.Text.Json;

namespace Payout.Client.UnitTests;

public sealed class CardTests
{
    [Fact]
    public async Task Add_card_posts_card_number_as_json_string_of_digits()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.Card));
        var client = TestClients.Payout(stub);

        await client.AddCardAsync(new AddCardRequest("4012 8888-8888 1881", "Demo Customer", 2030, 12));

        var request = stub.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/v4/payout/card", request.PathAndQuery);
        Assert.Equal("application/json", request.ContentType);
        using var body = JsonDocument.Parse(request.Body);
        var cardNumber = body.RootElement.GetProperty("cardNumber");
        Assert.Equal(JsonValueKind.String, cardNumber.ValueKind);
        Assert.Equal("4012888888881881", cardNumber.GetString());
        Assert.Equal("Demo Customer", body.RootElement.GetProperty("cardHolder").GetString());
        Assert.Equal(2030, body.RootElement.GetProperty("cardExpirationYear").GetInt32());
        Assert.Equal(12, body.RootElement.GetProperty("cardExpirationMonth").GetInt32());
    }

    [Fact]
    public async Task Add_card_with_idempotency_key_sends_the_header()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.Card));

        await TestClients.Payout(stub).AddCardAsync(new AddCardRequest("4012888888881881", "Demo Customer", 2030, 12), "card-key-1");

        Assert.Equal("card-key-1", stub.Single.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task Add_card_parses_the_card()
    {
        var client = TestClients.Payout(StubHandler.InTurn(() => Answers.Json(SpecJson.Card)));

        var card = await client.AddCardAsync(new AddCardRequest("4012888888881881", "Demo Customer", 2030, 12));

        Assert.Equal(42L, card.CardId);
        Assert.Equal(CardTypes.Visa, card.CardType);
        Assert.Equal("4012***1881", card.MaskedPan);
        Assert.Equal(CardValidationStatus.Approved, card.ValidationStatus);
        Assert.Null(card.BillingAddress);
    }

    [Fact]
    public async Task Set_billing_address_posts_address_and_parses_card_with_it()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.CardWithBillingAddress));
        var address = new BillingAddress("1 Demo Street", "London", "GB", "SW1A 1AA");

        var card = await TestClients.Payout(stub).SetBillingAddressAsync(42, address);

        var request = stub.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/v4/payout/card/42/billing-address", request.PathAndQuery);
        Assert.Equal("""{"address":"1 Demo Street","city":"London","countryCode":"GB","zip":"SW1A 1AA"}""", request.Body);
        Assert.Equal(address, card.BillingAddress);
    }

    [Fact]
    public async Task Delete_card_sends_delete_and_accepts_204()
    {
        var stub = StubHandler.InTurn(Answers.NoContent);

        await TestClients.Payout(stub).DeleteCardAsync(42);

        Assert.Equal(HttpMethod.Delete, stub.Single.Method);
        Assert.Equal("/v4/payout/card/42", stub.Single.PathAndQuery);
    }

    [Theory]
    [InlineData("4012888888881881", "4012***1881")]
    [InlineData("4012 8888 8888 1881", "4012***1881")]
    [InlineData("5555-5555-5555-4444", "5555***4444")]
    [InlineData("123", "***")]
    [InlineData("", "***")]
    public void Add_card_request_to_string_masks_the_number(string number, string masked)
    {
        var text = new AddCardRequest(number, "Demo Customer", 2030, 12).ToString();

        Assert.Contains($"CardNumber = {masked},", text, StringComparison.Ordinal);
        Assert.DoesNotContain("8888", text, StringComparison.Ordinal);
        Assert.Contains("Demo Customer", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_card_request_interpolated_or_formatted_stays_masked()
    {
        var request = new AddCardRequest("4012888888881881", "Demo Customer", 2030, 12);

        Assert.DoesNotContain("4012888888881881", $"{request}", StringComparison.Ordinal);
        Assert.DoesNotContain("4012888888881881", new { request }.ToString(), StringComparison.Ordinal);
    }
}
