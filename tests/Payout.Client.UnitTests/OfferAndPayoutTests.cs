namespace Payout.Client.UnitTests;

public sealed class OfferAndPayoutTests
{
    private static readonly DateTimeOffset SpecInstant = new(2026, 11, 23, 19, 40, 4, 123, TimeSpan.Zero);

    [Fact]
    public async Task CreateOffer_PostsExactDecimalAmount()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.Offer));

        await TestClients.Payout(stub).CreateOfferAsync(new CreateOfferRequest(760.06209697m, "USDT", "EUR", 42));

        var request = stub.Single;
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/v4/payout/offer", request.PathAndQuery);
        Assert.Equal("""{"amount":760.06209697,"fromCurrency":"USDT","toCurrency":"EUR","cardId":42}""", request.Body);
        Assert.Null(request.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task CreateOffer_WithIdempotencyKey_SendsTheHeader()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.Offer));

        await TestClients.Payout(stub).CreateOfferAsync(new CreateOfferRequest(100m, "USDT", "EUR", 42), "offer-key-1");

        Assert.Equal("offer-key-1", stub.Single.Header("Idempotency-Key"));
    }

    [Fact]
    public async Task CreateOffer_ParsesTheOffer()
    {
        var offer = await TestClients.Payout(StubHandler.InTurn(() => Answers.Json(SpecJson.Offer)))
            .CreateOfferAsync(new CreateOfferRequest(760.06209697m, "USDT", "EUR", 42));

        Assert.Equal((7L, 20), (offer.OfferId, offer.ValidSeconds));
        Assert.Equal((760.06209697m, "USDT", 700.54m, "EUR", 0.92170000m), (offer.Amount, offer.CurrencyFrom, offer.AmountTo, offer.CurrencyTo, offer.Rate));
        Assert.Equal(
            [
                ("USDT", "Transaction fee", 8, 29.31613652m, FeeTypes.TransactionFee),
                ("USDT", "Crypterium GAS", 8, 0m, FeeTypes.CrypteriumGas),
                ("USDT", "Additional fee", 8, 0m, FeeTypes.AdditionalFee),
            ],
            offer.FeeInfo.Select(fee => (fee.Currency, fee.Name, fee.Scale, fee.Value, fee.Type)));
        Assert.False(offer.PossibleToExecute);
        Assert.Equal((9700m, "EUR"), (offer.Limit.Value, offer.Limit.Currency));
        Assert.Equal([PayoutErrorCodes.InsufficientFunds, PayoutErrorCodes.BillingAddressRequired], offer.Reasons);
        Assert.Equal(
            [
                new ReasonDetail { Code = PayoutErrorCodes.InsufficientFunds, Message = "The balance is 12.5 USDT short.", Needed = 12.5m, Currency = "USDT" },
                new ReasonDetail { Code = PayoutErrorCodes.BillingAddressRequired, Message = "Send the card's billing address." },
            ],
            offer.ReasonDetails);
        Assert.Equal(SpecInstant, offer.ExpiresAt);
    }

    [Fact]
    public async Task UpdateOffer_PutsAmountAndPairWithoutCard()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.Offer));

        await TestClients.Payout(stub).UpdateOfferAsync(7, new UpdateOfferRequest(120m, "USDT", "EUR"));

        Assert.Equal(HttpMethod.Put, stub.Single.Method);
        Assert.Equal("/v4/payout/offer/7", stub.Single.PathAndQuery);
        Assert.Equal("""{"amount":120,"fromCurrency":"USDT","toCurrency":"EUR"}""", stub.Single.Body);
    }

    [Fact]
    public async Task Execute_PostsToPay_WithIdempotencyKey_AndParsesTheResult()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.Execute));

        var result = await TestClients.Payout(stub).ExecuteAsync(7, "pay-key-1");

        Assert.Equal(HttpMethod.Post, stub.Single.Method);
        Assert.Equal("/v4/payout/pay/7", stub.Single.PathAndQuery);
        Assert.Equal("pay-key-1", stub.Single.Header("Idempotency-Key"));
        Assert.Equal(PayoutStatus.Success, result.Status);
        Assert.Equal((120m, "USDT", 110.60m, "EUR"), (result.AmountFrom, result.CurrencyFrom, result.AmountTo, result.CurrencyTo));
        Assert.Equal((9001L, 7L), (result.OperationId, result.OfferId));
        Assert.Equal((6.91241998m, 126.91241998m), (result.Fee, result.TotalDebited));
        Assert.Equal(SpecInstant, result.CreatedAt);
    }

    [Fact]
    public async Task GetHistory_Defaults_AsksFirstPageOf50()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.History));

        await TestClients.Payout(stub).GetHistoryAsync();

        Assert.Equal(HttpMethod.Get, stub.Single.Method);
        Assert.Equal("/v4/payout/history?offset=0&size=50", stub.Single.PathAndQuery);
    }

    [Fact]
    public async Task GetHistory_WithFilters_SendsThemInTheQuery()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.History));

        await TestClients.Payout(stub).GetHistoryAsync(10, 20, PayoutStatus.Success, "USDT");

        Assert.Equal("/v4/payout/history?offset=10&size=20&status=SUCCESS&currency=USDT", stub.Single.PathAndQuery);
    }

    [Fact]
    public async Task GetHistory_ParsesItemsNewestFirst()
    {
        var page = await TestClients.Payout(StubHandler.InTurn(() => Answers.Json(SpecJson.History))).GetHistoryAsync();

        Assert.Equal((0, 50, 2), (page.Offset, page.Size, page.Total));
        var failed = page.Items[0];
        Assert.Equal((9002L, 8L, PayoutStatus.Failed), (failed.OperationId, failed.OfferId, failed.Status));
        Assert.Equal((0.01m, "BTC", 584.01m, "USD", 58401.12345678m), (failed.AmountFrom, failed.CurrencyFrom, failed.AmountTo, failed.CurrencyTo, failed.Rate));
        Assert.Equal((0.00039281m, 0.01039281m), (failed.Fee, failed.TotalDebited));
        Assert.Equal(("5555***4444", "DECLINED_BY_ISSUER"), (failed.MaskedPan, failed.FailureReason));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 8, 0, 3, TimeSpan.Zero), failed.UpdatedAt);
        Assert.Null(page.Items[1].FailureReason);
    }

    [Fact]
    public async Task GetOperation_GetsById_AndParsesIt()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.Operation));

        var operation = await TestClients.Payout(stub).GetOperationAsync(9001);

        Assert.Equal("/v4/payout/operations/9001", stub.Single.PathAndQuery);
        Assert.Equal((9001L, PayoutStatus.Success, "4012***1881"), (operation.OperationId, operation.Status, operation.MaskedPan));
        Assert.Equal((SpecInstant, new DateTimeOffset(2026, 11, 23, 19, 40, 5, TimeSpan.Zero)), (operation.CreatedAt, operation.UpdatedAt));
    }
}
