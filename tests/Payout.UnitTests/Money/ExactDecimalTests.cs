using System.Globalization;
using System.Text;
using CsCheck;
using Payout.Api.Domain.Money;

namespace Payout.UnitTests.Money;

public sealed class ExactDecimalTests
{
    [Theory]
    [InlineData("1", "1")]
    [InlineData("760.06209697", "760.06209697")]
    [InlineData("1.10000000000000000000", "1.1")]
    [InlineData("1.10000000000000000000000000000000000000", "1.1")]
    [InlineData("25e2", "2500")]
    [InlineData("2.5E+3", "2500")]
    [InlineData("12345e-4", "1.2345")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335", "-79228162514264337593543950335")]
    [InlineData("7.9228162514264337593543950335", "7.9228162514264337593543950335")]
    [InlineData("-0.5", "-0.5")]
    public void Numbers_a_decimal_holds_exactly_are_read_exactly(string text, string expected)
    {
        Assert.True(ExactDecimal.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.000")]
    [InlineData("0e99999999999")]
    [InlineData("-0.0e-5")]
    public void Zero_however_written_is_zero(string text)
    {
        Assert.True(ExactDecimal.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(0m, value);
    }

    [Theory]
    [InlineData("1.000000000000000000000000000001")] // 30 decimals: the runtime would round it to 1
    [InlineData("0.00000000000000000000000000001")] // 29 decimals
    [InlineData("1e-29")]
    [InlineData("1e-400")]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("79228162514264337593543950336")] // 2^96
    [InlineData("99999999999999999999999999999")]
    [InlineData("9.9999999999999999999999999999")] // 29 digits above the 96-bit maximum
    [InlineData("1e29")]
    [InlineData("123456789012345678901234567890")]
    public void Numbers_a_decimal_cannot_hold_exactly_are_refused_not_rounded(string text) =>
        Assert.False(ExactDecimal.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1x")]
    [InlineData("0x10")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Text_that_is_not_a_number_is_refused(string text) =>
        Assert.False(ExactDecimal.TryParse(Encoding.ASCII.GetBytes(text), out _));

    [Fact]
    public void Every_decimal_written_invariantly_reads_back_as_itself() =>
        Gen.Decimal.Sample(value =>
        {
            Assert.True(ExactDecimal.TryParse(Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture)), out var read));
            Assert.Equal(value, read);
        });
}
