using CsCheck;
using Payout.Api.Domain.Money;

namespace Payout.UnitTests.Money;

public sealed class RoundingTests
{
    private static readonly Gen<decimal> Amounts = Gen.Decimal[-1_000_000_000m, 1_000_000_000m];
    private static readonly Gen<int> Scales = Gen.Int[0, Currency.MaxScale];

    [Fact]
    public void Down_never_exceeds_the_value_and_loses_less_than_one_unit() =>
        Gen.Select(Amounts.Where(a => a >= 0), Scales).Sample((value, scale) =>
        {
            var rounded = Rounding.Down(value, scale);
            Assert.True(rounded <= value);
            Assert.True(value - rounded < Rounding.Unit(scale));
            Assert.True(Rounding.FitsScale(rounded, scale));
        });

    [Fact]
    public void Up_never_falls_below_the_value_and_adds_less_than_one_unit() =>
        Gen.Select(Amounts.Where(a => a >= 0), Scales).Sample((value, scale) =>
        {
            var rounded = Rounding.Up(value, scale);
            Assert.True(rounded >= value);
            Assert.True(rounded - value < Rounding.Unit(scale));
            Assert.True(Rounding.FitsScale(rounded, scale));
        });

    [Fact]
    public void Rounding_a_value_that_already_fits_changes_nothing() =>
        Gen.Select(Gen.Long[-100_000_000_000_000_000, 100_000_000_000_000_000], Scales).Sample((units, scale) =>
        {
            var value = units * Rounding.Unit(scale);
            Assert.Equal(value, Rounding.Down(value, scale));
            Assert.Equal(value, Rounding.Up(value, scale));
        });

    [Fact]
    public void Negative_values_round_towards_and_away_from_zero_symmetrically() =>
        Gen.Select(Amounts, Scales).Sample((value, scale) =>
        {
            Assert.Equal(-Rounding.Down(value, scale), Rounding.Down(-value, scale));
            Assert.Equal(-Rounding.Up(value, scale), Rounding.Up(-value, scale));
        });

    [Theory]
    [InlineData("1.234", 2, "1.23", "1.24")]
    [InlineData("1.235", 2, "1.23", "1.24")]
    [InlineData("1.239999999", 2, "1.23", "1.24")]
    [InlineData("1.20", 2, "1.2", "1.2")]
    [InlineData("0.000000001", 8, "0", "0.00000001")]
    public void Known_values_round_in_the_named_direction(string value, int scale, string down, string up)
    {
        var parsed = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(decimal.Parse(down, System.Globalization.CultureInfo.InvariantCulture), Rounding.Down(parsed, scale));
        Assert.Equal(decimal.Parse(up, System.Globalization.CultureInfo.InvariantCulture), Rounding.Up(parsed, scale));
    }

    [Theory]
    [InlineData("0", AmountProblem.NotPositive)]
    [InlineData("-1", AmountProblem.NotPositive)]
    [InlineData("1000000000.00000001", AmountProblem.TooLarge)]
    [InlineData("0.000000001", AmountProblem.TooManyDecimals)]
    public void Amount_rules_reject_out_of_range_input(string value, AmountProblem expected)
    {
        var amount = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, AmountRules.Check(amount, CurrencyCatalog.Default.Get("BTC")));
    }

    [Fact]
    public void Amount_rules_accept_the_largest_allowed_amount_at_full_scale()
    {
        Assert.Null(AmountRules.Check(1_000_000_000m, CurrencyCatalog.Default.Get("BTC")));
        Assert.Null(AmountRules.Check(0.00000001m, CurrencyCatalog.Default.Get("BTC")));
        Assert.Equal(AmountProblem.TooManyDecimals, AmountRules.Check(0.001m, CurrencyCatalog.Default.Get("EUR")));
    }
}
