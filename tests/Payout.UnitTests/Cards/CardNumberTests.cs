using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using CsCheck;
using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Errors;

namespace Payout.UnitTests.Cards;

public sealed class CardNumberTests
{
    [Theory]
    [MemberData(nameof(TestCards.KnownValid), MemberType = typeof(TestCards))]
    public void Known_test_numbers_parse_to_their_digits(string digits)
    {
        Assert.True(CardNumber.TryParse(digits, out var number, out var error));
        Assert.Null(error);
        Assert.Equal(digits, number.RevealDigits());
    }

    [Theory]
    [InlineData("4012 8888 8888 1881")]
    [InlineData("4012-8888-8888-1881")]
    [InlineData(" 4012-8888 8888--1881 ")]
    public void Spaces_and_dashes_are_ignored(string input)
    {
        Assert.True(CardNumber.TryParse(input, out var number));
        Assert.Equal(TestCards.Visa, number.RevealDigits());
    }

    [Theory]
    [InlineData("4012a888888881881")]
    [InlineData("4012.8888.8888.1881")]
    [InlineData("4012_8888_8888_1881")]
    [InlineData("4012\t8888888881881")]
    [InlineData("4012\u00a08888888881881")]
    [InlineData("+4012888888881881")]
    [InlineData("4012888888881881e0")]
    [InlineData("\u0664\u0660\u0661\u0662888888881881")] // Arabic-Indic digits are digits, but not ours
    [InlineData("\uff14\uff10\uff11\uff12888888881881")] // full-width digits
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_digits_spaces_and_dashes_is_an_invalid_number(string? input)
    {
        Assert.False(CardNumber.TryParse(input, out var number, out var error));
        Assert.Null(number);
        Assert.Equal(ErrorCode.CARD_INVALID_NUMBER, error.Code);
        Assert.Equal("cardNumber", error.Field);
    }

    [Theory]
    [InlineData(11, false)]
    [InlineData(12, true)]
    [InlineData(19, true)]
    [InlineData(20, false)]
    public void Only_12_to_19_digits_are_a_card_number(int length, bool accepted)
    {
        var digits = TestCards.Number("4", length);
        Assert.Equal(accepted, CardNumber.TryParse(digits, out _, out var error));
        Assert.Equal(accepted ? null : (ErrorCode?)ErrorCode.CARD_INVALID_NUMBER, error?.Code);
    }

    [Fact]
    public void Spaces_alone_are_an_invalid_number()
    {
        Assert.False(CardNumber.TryParse("  -  ", out _, out var error));
        Assert.Equal(ErrorCode.CARD_INVALID_NUMBER, error.Code);
    }

    [Fact]
    public void A_wrong_check_digit_is_an_invalid_number()
    {
        Assert.False(CardNumber.TryParse("4012888888881882", out _, out var error));
        Assert.Equal(ErrorCode.CARD_INVALID_NUMBER, error.Code);
    }

    [Fact]
    public void Parse_throws_a_format_exception_that_does_not_repeat_the_input()
    {
        var exception = Assert.Throws<FormatException>(() => CardNumber.Parse("4012888888881882"));
        Assert.DoesNotContain("4012888888881882", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Masked_form_is_first_four_stars_last_four()
    {
        var number = CardNumber.Parse(TestCards.Visa);
        Assert.Equal("4012***1881", number.Masked);
        Assert.Equal("4012", number.First4);
        Assert.Equal("1881", number.Last4);
        Assert.Equal(16, number.Length);
    }

    [Fact]
    public void Every_text_form_of_a_card_number_is_masked()
    {
        var number = CardNumber.Parse(TestCards.Visa);
        var valid = new ValidCard(number, CardBrand.Visa, "Jane Doe", 2030, 1);

        Assert.Equal("4012***1881", number.ToString());
        Assert.Equal("4012***1881", $"{number}");
        Assert.Equal("\"4012***1881\"", JsonSerializer.Serialize(number));
        Assert.Equal("{\"Card\":\"4012***1881\"}", JsonSerializer.Serialize(new { Card = number }));
        Assert.Contains("4012***1881", valid.ToString(), StringComparison.Ordinal);
        Assert.Contains("4012***1881", JsonSerializer.Serialize(valid), StringComparison.Ordinal);
        AssertNoLeak(TestCards.Visa, number.ToString(), $"{number}", string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}", number),
            JsonSerializer.Serialize(number), JsonSerializer.Serialize(valid), valid.ToString(), ((Result<ValidCard>)valid).ToString());
    }

    [Fact]
    public void The_debugger_shows_the_masked_form_and_hides_the_digits()
    {
        var display = typeof(CardNumber).GetCustomAttribute<DebuggerDisplayAttribute>();
        Assert.Equal("{Masked,nq}", display?.Value);
        Assert.All(
            typeof(CardNumber).GetFields(BindingFlags.Instance | BindingFlags.NonPublic).Where(f => f.FieldType == typeof(string) && f.Name != "<Masked>k__BackingField"),
            field => Assert.Equal(DebuggerBrowsableState.Never, field.GetCustomAttribute<DebuggerBrowsableAttribute>()?.State));
    }

    [Fact]
    public void No_public_property_holds_the_clear_digits() =>
        TestCards.ValidNumbers.Sample(digits =>
        {
            var number = CardNumber.Parse(digits);
            var values = typeof(CardNumber).GetProperties().Select(p => p.GetValue(number)?.ToString() ?? string.Empty);
            AssertNoLeak(digits, [.. values]);
        });

    [Fact]
    public void Text_and_json_never_contain_the_digits_of_any_number() =>
        TestCards.ValidNumbers.Sample(digits =>
        {
            var number = CardNumber.Parse(digits);
            AssertNoLeak(digits, number.ToString(), $"{number}", JsonSerializer.Serialize(number));
            Assert.Equal(digits, number.RevealDigits());
        });

    [Fact]
    public void A_card_number_is_not_read_from_json() =>
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<CardNumber>("\"4012888888881881\""));

    [Fact]
    public void Error_messages_never_repeat_the_input() =>
        Gen.Char["0123456789 -x"].Array[1, 25].Sample(chars =>
        {
            var input = new string(chars);
            if (!CardNumber.TryParse(input, out _, out var error))
            {
                var digits = new string([.. input.Where(char.IsAsciiDigit)]);
                // Messages may say "12 to 19"; four digits of input would already be a leak.
                Assert.True(digits.Length < 4 || !error.Message.Contains(digits[..4], StringComparison.Ordinal));
            }
        });

    [Fact]
    public void Numbers_with_the_same_digits_are_equal()
    {
        var plain = CardNumber.Parse(TestCards.Visa);
        var spaced = CardNumber.Parse("4012 8888 8888 1881");
        var other = CardNumber.Parse("4111111111111111");

        Assert.Equal(plain, spaced);
        Assert.True(plain == spaced);
        Assert.Equal(plain.GetHashCode(), spaced.GetHashCode());
        Assert.NotEqual(plain, other);
        Assert.True(plain != other);
    }

    private static void AssertNoLeak(string digits, params string[] texts) =>
        Assert.All(texts, text => Assert.DoesNotContain(digits, text, StringComparison.Ordinal));
}
