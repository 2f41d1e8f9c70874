using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Errors;

namespace Payout.UnitTests.Cards;

public sealed class CardHolderTests
{
    [Theory]
    [InlineData("John Smith")]
    [InlineData("Иван Петров")]
    [InlineData("José Álvarez")]
    [InlineData("Jose\u0301 A\u0301lvarez")] // accents as combining marks
    [InlineData("Zoë O'Brien-Smith Jr.")]
    [InlineData("李小龙")]
    [InlineData("अनिल कुमार")] // Devanagari vowel signs are combining marks
    [InlineData("محمد علي")]
    [InlineData("Ωμέγα")]
    [InlineData("Lu")]
    [InlineData("\U00020000\U00020001")] // letters outside the BMP
    public void Letters_of_any_script_are_accepted(string holder) => Assert.Equal(holder, Validate(holder).Value?.Holder);

    [Fact]
    public void Holder_is_trimmed() => Assert.Equal("John Smith", Validate("  John Smith \t").Value?.Holder);

    [Fact]
    public void The_phone_keyboard_apostrophe_is_stored_as_a_plain_one() =>
        Assert.Equal("O'Brien", Validate("O\u2019Brien").Value?.Holder);

    [Fact]
    public void Exactly_100_characters_are_accepted() => Assert.True(Validate(new string('a', 100)).IsSuccess);

    [Fact]
    public void Length_counts_characters_not_utf16_units() =>
        Assert.True(Validate(string.Concat(Enumerable.Repeat("\U00020000", 100))).IsSuccess);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("J")]
    [InlineData("  J  ")]
    [InlineData("John 3rd")]
    [InlineData("John\tSmith")]
    [InlineData("John\nSmith")]
    [InlineData("John_Smith")]
    [InlineData("Jo@n")]
    [InlineData("Jane, Doe")]
    [InlineData("Jane 😀")]
    [InlineData("--")]
    [InlineData(". .")]
    [InlineData("Jane\u200bDoe")] // zero-width space
    [InlineData("Jane\ud800Doe")] // lone surrogate
    public void Holders_that_are_not_names_are_invalid(string? holder) => AssertInvalidHolder(Validate(holder));

    [Fact]
    public void Holder_of_101_characters_is_invalid() => AssertInvalidHolder(Validate(new string('a', 101)));

    [Fact]
    public void Holder_of_101_characters_before_trimming_is_accepted() =>
        Assert.True(Validate(" " + new string('a', 100)).IsSuccess);

    [Fact]
    public void Holder_messages_do_not_repeat_the_holder()
    {
        var error = Validate("Jane 42").Failure;
        Assert.DoesNotContain("Jane", error?.Message ?? string.Empty, StringComparison.Ordinal);
    }

    private static void AssertInvalidHolder(Result<ValidCard> result)
    {
        Assert.Equal(ErrorCode.VALIDATION, result.Failure?.Code);
        Assert.Equal("cardHolder", result.Failure?.Field);
    }

    private static Result<ValidCard> Validate(string? holder) =>
        CardRules.Validate(TestCards.Visa, holder, 2030, 6, TestCards.Now);
}
