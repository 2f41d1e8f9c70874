namespace Payout.Sandbox.Tests.Cards;

public sealed class SandboxCardsTests
{
    public static readonly TheoryData<string> SpecialNumbers = new(SandboxCards.Special.Keys);

    [Theory]
    [MemberData(nameof(SpecialNumbers))]
    public void Every_special_number_is_a_luhn_valid_16_digit_visa_number_of_the_4000_0000_0000_00xx_family(string number)
    {
        Assert.Matches("^4000000000000[0-9]{3}$", number);
        Assert.True(IndependentLuhn(number));
        Assert.True(SandboxCards.IsWellFormed(number));
    }

    [Fact]
    public void Every_behaviour_but_paid_at_once_has_exactly_one_number()
    {
        var expected = Enum.GetValues<CardBehaviour>().Where(b => b != CardBehaviour.PaidAtOnce).Order();

        Assert.Equal(expected, SandboxCards.Special.Values.Order());
    }

    [Fact]
    public void The_public_test_numbers_and_unlisted_numbers_are_paid_at_once()
    {
        Assert.All(SandboxCards.PublicTestNumbers, n => Assert.True(IndependentLuhn(n)));
        Assert.All(SandboxCards.PublicTestNumbers, n => Assert.Equal(CardBehaviour.PaidAtOnce, SandboxCards.BehaviourOf(n)));
        Assert.Equal(CardBehaviour.PaidAtOnce, SandboxCards.BehaviourOf("4242424242424242"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("4000000000000011")]
    [InlineData("40000000000000a0")]
    [InlineData("4000 0000 0000 0010")]
    [InlineData("42424242424")]
    [InlineData("42424242424242424242")]
    public void Malformed_numbers_are_refused(string? number)
    {
        Assert.False(SandboxCards.IsWellFormed(number));
    }

    // Written the textbook way (double every second digit from the right, sum the digits) so that it does not share
    // a mistake with the sandbox's own check.
    private static bool IndependentLuhn(string number)
    {
        var sum = number.Reverse()
            .Select((c, i) => (c - '0') * (i % 2 == 1 ? 2 : 1))
            .Sum(d => (d / 10) + (d % 10));
        return sum % 10 == 0;
    }
}
