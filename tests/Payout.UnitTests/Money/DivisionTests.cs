using System.Globalization;
using CsCheck;
using Payout.Api.Domain.Money;

namespace Payout.UnitTests.Money;

public sealed class DivisionTests
{
    // Fiat-like dividends (2 decimals) and crypto-like ones (8 decimals), rates at 8 decimals: the shapes we divide.
    private static readonly Gen<decimal> Dividends = Gen.OneOf(
        Gen.Long[0, 100_000_000_000].Select(cents => cents / 100m),
        Gen.Long[0, 100_000_000_000_000].Select(units => units / 100_000_000m));

    private static readonly Gen<decimal> Divisors = Gen.Long[1, 10_000_000_000_000].Select(units => units / 100_000_000m);

    private static readonly Gen<int> Scales = Gen.Int[0, Currency.MaxScale];

    [Fact]
    public void Down_is_the_largest_quotient_at_scale_that_does_not_exceed_the_dividend() =>
        Gen.Select(Dividends, Divisors, Scales).Sample((dividend, divisor, scale) =>
        {
            var quotient = Division.Down(dividend, divisor, scale);
            Assert.True(Rounding.FitsScale(quotient, scale));
            Assert.True(quotient * divisor <= dividend);
            Assert.True((quotient + Rounding.Unit(scale)) * divisor > dividend);
        });

    [Fact]
    public void Up_is_the_smallest_quotient_at_scale_that_covers_the_dividend() =>
        Gen.Select(Dividends, Divisors, Scales).Sample((dividend, divisor, scale) =>
        {
            var quotient = Division.Up(dividend, divisor, scale);
            Assert.True(Rounding.FitsScale(quotient, scale));
            Assert.True(quotient * divisor >= dividend);
            Assert.True(quotient == 0 || (quotient - Rounding.Unit(scale)) * divisor < dividend);
        });

    [Theory]
    [InlineData("25", "0.9016", 8, "27.72848269", "27.7284827")]
    [InlineData("2500", "84280", 8, "0.02966302", "0.02966303")]
    [InlineData("10", "4", 2, "2.5", "2.5")]
    [InlineData("0", "3", 8, "0", "0")]
    public void Known_quotients_round_in_the_named_direction(string dividend, string divisor, int scale, string down, string up)
    {
        var n = decimal.Parse(dividend, CultureInfo.InvariantCulture);
        var d = decimal.Parse(divisor, CultureInfo.InvariantCulture);
        Assert.Equal(decimal.Parse(down, CultureInfo.InvariantCulture), Division.Down(n, d, scale));
        Assert.Equal(decimal.Parse(up, CultureInfo.InvariantCulture), Division.Up(n, d, scale));
    }

    [Fact]
    public void A_zero_or_negative_divisor_is_a_bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Division.Down(1m, 0m, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Division.Up(1m, -1m, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Division.Up(-1m, 1m, 2));
    }
}
