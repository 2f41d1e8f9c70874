namespace Payout.Client.UnitTests;

public sealed class DataTests
{
    [Fact]
    public async Task Get_data_parses_fees_cards_and_pairs()
    {
        var stub = StubHandler.InTurn(() => Answers.Json(SpecJson.Data));

        var data = await TestClients.Payout(stub).GetDataAsync();

        Assert.Equal(HttpMethod.Get, stub.Single.Method);
        Assert.Equal("/v4/payout/data", stub.Single.PathAndQuery);
        Assert.Equal(new PayoutFees { Rate = 0.02m, FixFee = 2.5m, PartnerFee = 0m, AdditionalFee = 0m, CrypteriumGas = 0m, TransactionFee = 0.035m }, data.Fees);
        Assert.Equal(30, data.ValidSeconds);

        var card = Assert.Single(data.Cards);
        Assert.Equal((42L, "VISA", "4012***1881", "APPROVED"), (card.CardId, card.CardType, card.MaskedPan, card.ValidationStatus));
        var limit = Assert.Single(card.PairsLimits);
        Assert.Equal(("USDT", "EUR"), (limit.CurrencyFrom, limit.CurrencyTo));
        Assert.Equal((27.12345679m, 2712.34567890m, 760.06209697m), (limit.MinAmountFrom, limit.MaxAmountFrom, limit.AllAmountFrom));

        Assert.Equal(2, data.Pairs.Count);
        var btc = data.Pairs[1];
        Assert.Equal(("BTC", "USD", 8, 2), (btc.CurrencyFrom, btc.CurrencyTo, btc.AmountScaleFrom, btc.AmountScaleTo));
        Assert.Equal(58401.12345678m, btc.Rate);
        Assert.Equal((0.00042808m, 0.04280739m, 0.04280739m), (btc.DefaultMinAmountFrom, btc.DefaultMaxAmountFrom, btc.DefaultMaxAmountAll));
    }

    [Fact]
    public async Task Get_data_keeps_the_scale_of_decimals_as_sent()
    {
        var data = await TestClients.Payout(StubHandler.InTurn(() => Answers.Json(SpecJson.Data))).GetDataAsync();

        // 2712.34567890 keeps its trailing zero: the value was read from the JSON text, not through a double.
        Assert.Equal("2712.34567890", data.Pairs[0].DefaultMaxAmountFrom.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
