using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Errors;

namespace Payout.UnitTests.Cards;

public sealed class CardBrandTests
{
    [Theory]
    [InlineData("4", CardBrand.Visa)]
    [InlineData("49", CardBrand.Visa)]
    [InlineData("51", CardBrand.Mastercard)]
    [InlineData("53", CardBrand.Mastercard)]
    [InlineData("55", CardBrand.Mastercard)]
    [InlineData("2221", CardBrand.Mastercard)]
    [InlineData("2500", CardBrand.Mastercard)]
    [InlineData("2720", CardBrand.Mastercard)]
    [InlineData("50", null)]
    [InlineData("56", null)]
    [InlineData("2220", null)]
    [InlineData("2721", null)]
    [InlineData("3", null)]
    [InlineData("6011", null)]
    [InlineData("1", null)]
    [InlineData("9", null)]
    public void Brand_follows_the_prefix_ranges(string prefix, CardBrand? expected) =>
        Assert.Equal(expected, CardRules.DetectBrand(CardNumber.Parse(TestCards.Number(prefix))));

    [Theory]
    [InlineData("4012888888881881", CardBrand.Visa)]
    [InlineData("4111111111111111", CardBrand.Visa)]
    [InlineData("5555555555554444", CardBrand.Mastercard)]
    [InlineData("5105105105105100", CardBrand.Mastercard)]
    [InlineData("2223003122003222", CardBrand.Mastercard)]
    public void Public_test_numbers_have_their_brand(string digits, CardBrand expected) =>
        Assert.Equal(expected, Validate(digits).Value?.Brand);

    [Theory]
    [InlineData("378282246310005")] // American Express
    [InlineData("6011111111111117")] // Discover
    [InlineData("3530111333300000")] // JCB
    public void Other_brands_are_not_supported(string digits)
    {
        var error = Validate(digits).Failure;
        Assert.Equal(ErrorCode.CARD_BRAND_NOT_SUPPORTED, error?.Code);
        Assert.Equal("cardNumber", error?.Field);
    }

    [Theory]
    [InlineData("2220")]
    [InlineData("2721")]
    [InlineData("50")]
    [InlineData("56")]
    public void Numbers_just_outside_the_mastercard_ranges_are_not_supported(string prefix) =>
        Assert.Equal(ErrorCode.CARD_BRAND_NOT_SUPPORTED, Validate(TestCards.Number(prefix)).Failure?.Code);

    private static Result<ValidCard> Validate(string digits) =>
        CardRules.Validate(digits, "Jane Doe", 2030, 6, TestCards.Now);
}
