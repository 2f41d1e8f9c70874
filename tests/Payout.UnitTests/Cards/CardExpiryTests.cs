using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Errors;

namespace Payout.UnitTests.Cards;

public sealed class CardExpiryTests
{
    [Fact]
    public void Card_is_valid_through_the_last_instant_of_its_month()
    {
        var lastInstant = new DateTimeOffset(2026, 11, 30, 23, 59, 59, 999, TimeSpan.Zero);
        Assert.True(Validate(2026, 11, lastInstant).IsSuccess);
    }

    [Fact]
    public void Expired_card_is_rejected_from_the_first_day_of_the_next_month()
    {
        var nextMonth = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var error = Validate(2026, 11, nextMonth).Failure;
        Assert.Equal(ErrorCode.CARD_EXPIRED, error?.Code);
    }

    [Fact]
    public void December_expires_at_the_new_year()
    {
        Assert.True(Validate(2026, 12, new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero)).IsSuccess);
        Assert.Equal(ErrorCode.CARD_EXPIRED, Validate(2026, 12, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)).Failure?.Code);
    }

    [Fact]
    public void Expiry_is_compared_in_utc_whatever_the_offset_of_now()
    {
        // 1 December 01:00 in UTC+2 is still 30 November in UTC.
        Assert.True(Validate(2026, 11, new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.FromHours(2))).IsSuccess);
        // 30 November 20:00 in UTC-5 is already 1 December in UTC.
        Assert.Equal(
            ErrorCode.CARD_EXPIRED,
            Validate(2026, 11, new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.FromHours(-5))).Failure?.Code);
    }

    [Theory]
    [InlineData(2025, 12)]
    [InlineData(2026, 10)]
    [InlineData(2000, 1)]
    [InlineData(1999, 12)]
    [InlineData(25, 12)]
    [InlineData(0, 1)]
    public void Expired_card_is_rejected(int year, int month) =>
        Assert.Equal(ErrorCode.CARD_EXPIRED, Validate(year, month).Failure?.Code);

    [Theory]
    [InlineData(27, 2027)]
    [InlineData(26, 2026)]
    [InlineData(46, 2046)]
    [InlineData(2031, 2031)]
    public void Two_digit_years_mean_20YY(int year, int expected) =>
        Assert.Equal(expected, Validate(year, 12).Value?.ExpiryYear);

    [Theory]
    [InlineData(2046, true)]
    [InlineData(46, true)]
    [InlineData(2047, false)]
    [InlineData(47, false)]
    [InlineData(99, false)]
    [InlineData(9999, false)]
    public void Expiry_may_be_at_most_20_years_ahead(int year, bool accepted)
    {
        var result = Validate(year, 12);
        Assert.Equal(accepted, result.IsSuccess);
        if (!accepted)
        {
            Assert.Equal(ErrorCode.VALIDATION, result.Failure?.Code);
            Assert.Equal("cardExpirationYear", result.Failure?.Field);
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100)]
    [InlineData(999)]
    [InlineData(10000)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Years_of_three_or_more_than_four_digits_are_invalid(int year)
    {
        var error = Validate(year, 6).Failure;
        Assert.Equal(ErrorCode.VALIDATION, error?.Code);
        Assert.Equal("cardExpirationYear", error?.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Months_outside_1_to_12_are_invalid(int month)
    {
        var error = Validate(2030, month).Failure;
        Assert.Equal(ErrorCode.VALIDATION, error?.Code);
        Assert.Equal("cardExpirationMonth", error?.Field);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public void Months_1_and_12_are_valid(int month) => Assert.Equal(month, Validate(2030, month).Value?.ExpiryMonth);

    [Theory]
    [InlineData(2026, 11, false)]
    [InlineData(2026, 10, true)]
    [InlineData(2025, 12, true)]
    [InlineData(2027, 1, false)]
    public void Is_expired_answers_for_stored_cards_before_a_payout(int year, int month, bool expired) =>
        Assert.Equal(expired, CardRules.IsExpired(year, month, TestCards.Now));

    private static Result<ValidCard> Validate(int year, int month) => Validate(year, month, TestCards.Now);

    private static Result<ValidCard> Validate(int year, int month, DateTimeOffset now) =>
        CardRules.Validate(TestCards.Visa, "Jane Doe", year, month, now);
}
