using CsCheck;
using Payout.Api.Domain.Cards;

namespace Payout.UnitTests.Cards;

public sealed class LuhnTests
{
    [Theory]
    [MemberData(nameof(TestCards.KnownValid), MemberType = typeof(TestCards))]
    [InlineData("378282246310005")]
    [InlineData("6011111111111117")]
    [InlineData("79927398713")]
    public void Known_valid_numbers_pass(string digits) => Assert.True(CardRules.IsLuhnValid(digits));

    [Theory]
    [InlineData("4012888888881882")]
    [InlineData("4111111111111112")]
    [InlineData("79927398710")]
    [InlineData("")]
    [InlineData("4012 888888881881")]
    public void Known_invalid_numbers_fail(string digits) => Assert.False(CardRules.IsLuhnValid(digits));

    [Fact]
    public void Generated_numbers_with_their_check_digit_pass() =>
        TestCards.ValidNumbers.Sample(digits => Assert.True(CardRules.IsLuhnValid(digits)));

    [Fact]
    public void Changing_any_single_digit_breaks_the_checksum() =>
        Gen.Select(TestCards.ValidNumbers, Gen.Int[0, 18], Gen.Int[1, 9]).Sample((digits, position, shift) =>
        {
            var i = position % digits.Length;
            var changed = digits.ToCharArray();
            changed[i] = (char)('0' + ((digits[i] - '0' + shift) % 10));
            Assert.False(CardRules.IsLuhnValid(changed));
        });

    [Fact]
    public void Every_digit_change_of_a_known_number_is_caught()
    {
        foreach (var digits in TestCards.KnownValidDigits)
        {
            for (var i = 0; i < digits.Length; i++)
            {
                foreach (var replacement in "0123456789".Where(c => c != digits[i]))
                {
                    var changed = string.Concat(digits.AsSpan(0, i), [replacement], digits.AsSpan(i + 1));
                    Assert.False(CardNumber.TryParse(changed, out _), $"position {i} → {replacement}");
                }
            }
        }
    }
}
