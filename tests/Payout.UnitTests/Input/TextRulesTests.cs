using Payout.Api.Domain.Text;

namespace Payout.UnitTests.Input;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("1 High Street")]
    [InlineData("Zoë O'Brien-Smith")]
    [InlineData("Łódź")]
    [InlineData("東京都")]
    [InlineData("' OR 1=1 --")]
    [InlineData("emoji \U0001F600 ok")]
    [InlineData("")]
    public void Ordinary_text_passes(string text) => Assert.Null(TextRules.Check(text));

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("\u0001")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("\r")]
    [InlineData("del\u007f")]
    [InlineData("next line\u0085")]
    [InlineData("\u009f")]
    public void Control_characters_are_refused(string text) => Assert.Equal(TextProblem.ControlCharacter, TextRules.Check(text));

    /// <summary>UTF-16 code units in hex: lone surrogates print alike, and xunit would take the cases for one.</summary>
    [Theory]
    [InlineData("D800 0046 0075")]
    [InlineData("0046 DFFF")]
    [InlineData("DC00 D800")]
    [InlineData("D800 D800")]
    [InlineData("0061 FFFD")]
    public void Broken_unicode_is_refused(string codeUnits)
    {
        var text = new string([.. codeUnits.Split(' ').Select(unit => (char)Convert.ToInt32(unit, 16))]);
        Assert.Equal(TextProblem.BrokenUnicode, TextRules.Check(text));
    }

    [Theory]
    [InlineData("\uffff")]
    [InlineData("\ufffe")]
    [InlineData("\ufdd0")]
    [InlineData("\ufdef")]
    [InlineData("\ud83f\udffe")] // U+1FFFE
    [InlineData("\udbff\udfff")] // U+10FFFF
    public void Non_characters_are_refused(string text) => Assert.Equal(TextProblem.NonCharacter, TextRules.Check(text));

    [Fact]
    public void Text_is_bounded()
    {
        Assert.Null(TextRules.Check(new string('a', TextRules.MaxLength)));
        Assert.Equal(TextProblem.TooLong, TextRules.Check(new string('a', TextRules.MaxLength + 1)));
    }

    [Fact]
    public void Every_problem_has_a_message_that_quotes_no_input() =>
        Assert.All(Enum.GetValues<TextProblem>(), problem => Assert.False(string.IsNullOrWhiteSpace(TextRules.Describe(problem))));
}
