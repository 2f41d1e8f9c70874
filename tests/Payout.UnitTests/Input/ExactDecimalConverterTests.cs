using System.Text.Json;
using Payout.Api.Infrastructure.Http;

namespace Payout.UnitTests.Input;

public sealed class ExactDecimalConverterTests
{
    private static readonly JsonSerializerOptions Options = Strict();

    private sealed record Body(decimal? Amount);

    [Theory]
    [InlineData("{\"amount\": 1.10000000000000000000}", "{\"amount\":1.1}")]
    [InlineData("{\"amount\": 100.00000000}", "{\"amount\":100}")]
    [InlineData("{\"amount\": 0.00000001}", "{\"amount\":0.00000001}")]
    [InlineData("{\"amount\": 25e2}", "{\"amount\":2500}")]
    public void Answers_write_the_canonical_form_whatever_the_input_precision(string json, string written) =>
        Assert.Equal(written, JsonSerializer.Serialize(JsonSerializer.Deserialize<Body>(json, Options), Options));

    [Theory]
    [InlineData("{\"amount\": 1.000000000000000000000000000001}")]
    [InlineData("{\"amount\": 1e400}")]
    [InlineData("{\"amount\": 79228162514264337593543950336}")]
    public void Numbers_no_decimal_holds_exactly_are_refused_with_the_field_path(string json)
    {
        var refused = Assert.Throws<RefusedJsonValueException>(() => JsonSerializer.Deserialize<Body>(json, Options));
        Assert.Equal("$.amount", refused.Path);
    }

    [Fact]
    public void A_number_in_a_string_is_refused() =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Body>("{\"amount\": \"10\"}", Options));

    private static JsonSerializerOptions Strict()
    {
        var options = new JsonSerializerOptions();
        JsonSetup.Apply(options);
        return options;
    }
}
