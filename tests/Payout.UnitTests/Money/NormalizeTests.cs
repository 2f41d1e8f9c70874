using CsCheck;
using Payout.Api.Domain.Money;

namespace Payout.UnitTests.Money;

/// <summary><see cref="Rounding.Normalize"/> strips zeros by integer arithmetic; it must agree bit for bit with the division it replaced.</summary>
public sealed class NormalizeTests
{
    private const decimal One = 1.0000000000000000000000000000m;

    // Mantissas below 2^64 (the integer path), some with trailing zeros, at every scale and sign.
    private static readonly Gen<decimal> Amounts = Gen.Select(
        Gen.ULong[0, 999_999_999_999_999], Gen.Int[0, 4], Gen.Bool, Gen.Byte[0, 28])
        .Select((digits, zeros, negative, scale) => Of(digits * (ulong)Math.Pow(10, zeros), negative, scale));

    private static readonly Gen<decimal> AnyDecimals = Gen.Select(Gen.Int, Gen.Int, Gen.Int, Gen.Bool, Gen.Byte[0, 28])
        .Select((low, mid, high, negative, scale) => new decimal(low, mid, high, negative, scale));

    [Theory]
    [InlineData("1.50000000", "1.5")]
    [InlineData("100", "100")]
    [InlineData("100.00", "100")]
    [InlineData("0.00000001", "0.00000001")]
    [InlineData("0.00", "0")]
    [InlineData("-2.500", "-2.5")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("7922816251426433759354395033.50", "7922816251426433759354395033.5")]
    public void Trailing_zeros_are_dropped(string value, string expected) =>
        Assert.Equal(expected, Rounding.Normalize(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture))
            .ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Amounts_normalize_exactly_as_a_division_by_one() =>
        Amounts.Sample(value => Assert.Equal(decimal.GetBits(value / One), decimal.GetBits(Rounding.Normalize(value))));

    [Fact]
    public void Any_decimal_normalizes_exactly_as_a_division_by_one() =>
        AnyDecimals.Sample(value => Assert.Equal(decimal.GetBits(value / One), decimal.GetBits(Rounding.Normalize(value))));

    [Fact]
    public void Zeros_of_any_scale_and_sign_normalize_as_a_division_by_one()
    {
        for (byte scale = 0; scale <= 28; scale++)
        {
            foreach (var negative in new[] { false, true })
            {
                var zero = new decimal(0, 0, 0, negative, scale);
                Assert.Equal(decimal.GetBits(zero / One), decimal.GetBits(Rounding.Normalize(zero)));
            }
        }
    }

    private static decimal Of(ulong mantissa, bool negative, byte scale) =>
        new((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, scale);
}
