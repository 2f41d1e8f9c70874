using Payout.Api.Features.Cards;

namespace Payout.UnitTests.Cards;

public sealed class CardExpiryTests
{
    [Fact]
    public void Card_is_valid_through_the_last_instant_of_its_month()
    {
        var lastInstant = new DateTimeOffset(2026, 11, 30, 23, 59, 59, 999, TimeSpan.Zero);
        Assert.True(Validate(2026, 11, lastInstant).IsValid);
    }

    [Fact]
    public void Expired_card_is_rejected_from_the_first_day_of_the_next_month()
    {
        var nextMonth = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var error = Validate(2026, 11, nextMonth).Error;
        Assert.Equal(CardProblem.Expired, error?.Problem);
    }

    [Fact]
    public void December_expires_at_the_new_year()
    {
        Assert.True(Validate(2026, 12, new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero)).IsValid);
        Assert.Equal(CardProblem.Expired, Validate(2026, 12, new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)).Error?.Problem);
    }

    [Fact]
    public void Expiry_is_compared_in_utc_whatever_the_offset_of_now()
    {
        // 1 December 01:00 in UTC+2 is still 30 November in UTC.
        Assert.True(Validate(2026, 11, new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.FromHours(2))).IsValid);
        // 30 November 20:00 in UTC-5 is already 1 December in UTC.
        Assert.Equal(
            CardProblem.Expired,
            Validate(2026, 11, new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.FromHours(-5))).Error?.Problem);
    }

    [Theory]
    [InlineData(2025, 12)]
    [InlineData(2026, 10)]
    [InlineData(2000, 1)]
    [InlineData(1999, 12)]
    [InlineData(25, 12)]
    [InlineData(0, 1)]
    public void Expired_card_is_rejected(int year, int month) =>
        Assert.Equal(CardProblem.Expired, Validate(year, month).Error?.Problem);

    [Theory]
    [InlineData(27, 2027)]
    [InlineData(26, 2026)]
    [InlineData(46, 2046)]
    [InlineData(2031, 2031)]
    public void Two_digit_years_mean_20YY(int year, int expected) =>
        Assert.Equal(expected, Validate(year, 12).Card?.ExpiryYear);

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
        Assert.Equal(accepted, result.IsValid);
        if (!accepted)
        {
            Assert.Equal(CardProblem.InvalidField, result.Error?.Problem);
            Assert.Equal("cardExpirationYear", result.Error?.Field);
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
        var error = Validate(year, 6).Error;
        Assert.Equal(CardProblem.InvalidField, error?.Problem);
        Assert.Equal("cardExpirationYear", error?.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Months_outside_1_to_12_are_invalid(int month)
    {
        var error = Validate(2030, month).Error;
        Assert.Equal(CardProblem.InvalidField, error?.Problem);
        Assert.Equal("cardExpirationMonth", error?.Field);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public void Months_1_and_12_are_valid(int month) => Assert.Equal(month, Validate(2030, month).Card?.ExpiryMonth);

    [Theory]
    [InlineData(2026, 11, false)]
    [InlineData(2026, 10, true)]
    [InlineData(2025, 12, true)]
    [InlineData(2027, 1, false)]
    public void Is_expired_answers_for_stored_cards_before_a_payout(int year, int month, bool expired) =>
        Assert.Equal(expired, CardRules.IsExpired(year, month, TestCards.Now));

    private static CardValidation Validate(int year, int month) => Validate(year, month, TestCards.Now);

    private static CardValidation Validate(int year, int month, DateTimeOffset now) =>
        CardRules.Validate(TestCards.Visa, "Jane Doe", year, month, now);
}
