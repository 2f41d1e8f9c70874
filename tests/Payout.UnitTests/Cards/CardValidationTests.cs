using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Errors;

namespace Payout.UnitTests.Cards;

public sealed class CardValidationTests
{
    [Fact]
    public void A_valid_card_comes_back_parsed_and_normalized()
    {
        var result = CardRules.Validate("5555 5555 5555 4444", "  Jane Doe ", 31, 2, TestCards.Now);

        Assert.True(result.IsSuccess);
        Assert.Null(result.Failure);
        Assert.Equal(CardNumber.Parse("5555555555554444"), result.Value.Number);
        Assert.Equal(CardBrand.Mastercard, result.Value.Brand);
        Assert.Equal("Jane Doe", result.Value.Holder);
        Assert.Equal(2031, result.Value.ExpiryYear);
        Assert.Equal(2, result.Value.ExpiryMonth);
    }

    [Theory]
    // number before everything
    [InlineData("4012888888881882", "", 2099, 13, ErrorCode.CARD_INVALID_NUMBER, "cardNumber")]
    [InlineData("4012abc", "", 2099, 13, ErrorCode.CARD_INVALID_NUMBER, "cardNumber")]
    // brand before the expiry and the holder
    [InlineData("378282246310005", "", 2099, 13, ErrorCode.CARD_BRAND_NOT_SUPPORTED, "cardNumber")]
    // month before year
    [InlineData(TestCards.Visa, "", 2099, 13, ErrorCode.VALIDATION, "cardExpirationMonth")]
    [InlineData(TestCards.Visa, "", 2020, 0, ErrorCode.VALIDATION, "cardExpirationMonth")]
    // year before expiry and holder
    [InlineData(TestCards.Visa, "", 2099, 1, ErrorCode.VALIDATION, "cardExpirationYear")]
    [InlineData(TestCards.Visa, "", 123, 1, ErrorCode.VALIDATION, "cardExpirationYear")]
    // expiry before holder
    [InlineData(TestCards.Visa, "", 2020, 1, ErrorCode.CARD_EXPIRED, null)]
    // holder last
    [InlineData(TestCards.Visa, "", 2030, 1, ErrorCode.VALIDATION, "cardHolder")]
    public void Checks_run_in_the_order_of_the_spec(
        string number, string holder, int year, int month, ErrorCode problem, string? field)
    {
        var result = CardRules.Validate(number, holder, year, month, TestCards.Now);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Value);
        Assert.Equal(problem, result.Failure.Code);
        Assert.Equal(field, result.Failure.Field);
        Assert.False(string.IsNullOrWhiteSpace(result.Failure.Message));
    }

    [Theory]
    [InlineData("4012888888881882", "Jane", 2030, 1)]
    [InlineData("378282246310005", "Jane", 2030, 1)]
    [InlineData("4012888888881881", "Jane", 2030, 13)]
    [InlineData("4012888888881881", "Jane", 2099, 1)]
    [InlineData("4012888888881881", "Jane", 2020, 1)]
    [InlineData("4012888888881881", "J4", 2030, 1)]
    [InlineData("4012 8888 8888 1881 0", "Jane", 2030, 1)]
    public void Error_messages_never_contain_the_card_number(string number, string holder, int year, int month)
    {
        var error = CardRules.Validate(number, holder, year, month, TestCards.Now).Failure;

        Assert.NotNull(error);
        var digits = new string([.. number.Where(char.IsAsciiDigit)]);
        Assert.DoesNotContain(digits[..6], error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(digits[^4..], error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(digits[..6], error.ToString(), StringComparison.Ordinal);
    }
}
