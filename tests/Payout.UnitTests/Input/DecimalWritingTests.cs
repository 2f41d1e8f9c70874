using System.Text;
using System.Text.Json;
using CsCheck;
using Payout.Api.Domain.Money;
using Payout.Api.Infrastructure.Http;

namespace Payout.UnitTests.Input;

/// <summary>The converter writes small decimals from their digits; the bytes must be those the writer's own formatter writes.</summary>
public sealed class DecimalWritingTests
{
    private static readonly JsonSerializerOptions Options = Strict();

    private static readonly Gen<decimal> Small = Gen.Select(Gen.ULong, Gen.Bool, Gen.Byte[0, 28])
        .Select((mantissa, negative, scale) => new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, negative, scale));

    private static readonly Gen<decimal> Any = Gen.Select(Gen.Int, Gen.Int, Gen.Int, Gen.Bool, Gen.Byte[0, 28])
        .Select((low, mid, high, negative, scale) => new decimal(low, mid, high, negative, scale));

    private sealed record Figures(decimal Amount, decimal[] More);

    [Theory]
    [InlineData("0.00000001")]
    [InlineData("-0.5")]
    [InlineData("1.10000000")]
    [InlineData("100")]
    [InlineData("18446744073709551615")]
    [InlineData("18446744073709551616")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("0.00")]
    [InlineData("79228162514264337593543950335")]
    public void Figures_are_written_as_the_writer_writes_them_normalized(string figure) =>
        AssertWrittenAsWriter(decimal.Parse(figure, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Decimals_with_a_64_bit_mantissa_are_written_as_the_writer_writes_them() => Small.Sample(AssertWrittenAsWriter);

    [Fact]
    public void Any_decimal_is_written_as_the_writer_writes_it() => Any.Sample(AssertWrittenAsWriter);

    [Fact]
    public void Figures_inside_objects_and_arrays_keep_their_separators() =>
        Assert.Equal(
            "{\"amount\":1.5,\"more\":[0.01,-2,1000]}",
            JsonSerializer.Serialize(new Figures(1.50m, [0.010m, -2.0m, 1000m]), Options));

    private static void AssertWrittenAsWriter(decimal value)
    {
        var expected = new MemoryStream();
        using (var writer = new Utf8JsonWriter(expected))
        {
            writer.WriteNumberValue(Rounding.Normalize(value));
        }

        Assert.Equal(Encoding.UTF8.GetString(expected.ToArray()), JsonSerializer.Serialize(value, Options));
    }

    private static JsonSerializerOptions Strict()
    {
        var options = new JsonSerializerOptions();
        JsonSetup.Apply(options);
        return options;
    }
}
