using System.Text;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.UnitTests.Input;

public sealed class JsonBodyRulesTests
{
    [Theory]
    [InlineData("{\"amount\": 10, \"fromCurrency\": \"USDT\"}")]
    [InlineData("\uFEFF{\"amount\": 10}")]
    [InlineData("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2}}")]
    [InlineData("{\"name\": \"Zoë \\u00e9 \\ud83d\\ude00\"}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    public void Well_formed_bodies_with_clean_text_pass(string json) => Assert.Null(JsonBodyRules.Check(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("{\"amount\": 1, \"amount\": 2}", "amount")]
    [InlineData("{\"amount\": 1, \"Amount\": 2}", "Amount")]
    [InlineData("{\"x\": {\"a\": 1, \"A\": 2}}", "x")]
    public void A_member_named_twice_is_refused(string json, string field) => AssertRefused(json, field);

    [Theory]
    [InlineData("{\"cardNumber\": \"\\ud800Fuzz\"}", "cardNumber")]
    [InlineData("{\"reference\": \"a\\u0000b\"}", "reference")]
    [InlineData("{\"reference\": \"\\uffff\"}", "reference")]
    [InlineData("{\"city\": \"\\ufffd\"}", "city")]
    [InlineData("{\"x\\u0000\": 1}", "body")]
    public void Escaped_text_that_breaks_the_text_rule_is_refused(string json, string field) => AssertRefused(json, field);

    [Theory]
    [InlineData(new byte[] { 0xff })]
    [InlineData(new byte[] { 0xc0, 0xaf })] // overlong '/'
    [InlineData(new byte[] { 0xed, 0xa0, 0x80 })] // a surrogate encoded as UTF-8
    [InlineData(new byte[] { 0xe2, 0x82 })] // truncated
    [InlineData(new byte[] { 0xf4, 0x90, 0x80, 0x80 })] // above U+10FFFF
    public void Raw_bytes_that_are_not_utf8_are_refused(byte[] bad)
    {
        var body = Encoding.UTF8.GetBytes("{\"address\": \"1 High").Concat(bad).Concat(Encoding.UTF8.GetBytes(" Street\"}")).ToArray();
        var failure = JsonBodyRules.Check(body);
        Assert.Equal(ErrorCode.VALIDATION, failure?.Code);
        Assert.Equal("address", failure?.Field);
    }

    [Theory]
    [InlineData("{\"a\": 1,}")]
    [InlineData("{\"a\": 1 /* note */}")]
    [InlineData("{'a': 1}")]
    [InlineData("{\"a\": NaN}")]
    [InlineData("{\"a\": 1}}")]
    [InlineData("{\"a\": ")]
    public void Malformed_json_is_refused(string json) => AssertRefused(json, "body");

    [Fact]
    public void Nesting_deeper_than_the_serializer_reads_is_refused() =>
        AssertRefused("{\"x\":" + new string('[', 40) + new string(']', 40) + "}", "body");

    [Fact]
    public void A_string_over_the_length_bound_is_refused_unread() =>
        AssertRefused("{\"reference\": \"" + new string('a', 20_000) + "\"}", "reference");

    [Fact]
    public void A_member_name_that_is_not_an_identifier_is_not_echoed_as_the_field() =>
        AssertRefused("{\"<script>\": 1, \"<script>\": 2}", "body");

    private static void AssertRefused(string json, string field)
    {
        var failure = JsonBodyRules.Check(Encoding.UTF8.GetBytes(json));
        Assert.NotNull(failure);
        Assert.Equal(ErrorCode.VALIDATION, failure.Code);
        Assert.Equal(field, failure.Field);
    }
}
