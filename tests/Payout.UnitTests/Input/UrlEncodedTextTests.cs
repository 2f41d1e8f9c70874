using System.Text;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.UnitTests.Input;

public sealed class UrlEncodedTextTests
{
    [Theory]
    [InlineData("grant_type=mobile_phone&number=%2B447871239999&password=1234Qwerty")]
    [InlineData("q=Zo%C3%AB+O%27Brien")]
    [InlineData("discount=100%")]
    [InlineData("a=%2541")]
    [InlineData("flag&&empty=")]
    [InlineData("")]
    public void Well_formed_utf8_text_passes(string text) => Assert.Null(UrlEncodedText.Check(Encoding.ASCII.GetBytes(text), "query", fieldsOnce: true));

    [Theory]
    [InlineData("number=%2B44%00", "number")]
    [InlineData("number=%FF", "number")]
    [InlineData("number=%C0%AF", "number")]
    [InlineData("number=%ED%A0%80", "number")]
    [InlineData("number=%EF%BF%BF", "number")]
    [InlineData("number=%EF%BF%BD", "number")]
    [InlineData("n%00mber=1", "query")]
    [InlineData("%3Cscript%3E=%00", "query")]
    public void Escapes_that_decode_to_refused_text_are_refused(string text, string field)
    {
        var failure = UrlEncodedText.Check(Encoding.ASCII.GetBytes(text), "query", fieldsOnce: false);
        Assert.Equal(ErrorCode.VALIDATION, failure?.Code);
        Assert.Equal(field, failure?.Field);
    }

    [Fact]
    public void Raw_bytes_that_are_not_utf8_are_refused() =>
        Assert.Equal("password", UrlEncodedText.Check([.. "password=ab"u8, 0xff, .. "cd"u8], "body", fieldsOnce: true)?.Field);

    [Fact]
    public void A_field_twice_is_refused_in_a_form_and_left_to_binding_in_a_query()
    {
        var twice = "password=a&password=b"u8.ToArray();
        Assert.Equal("password", UrlEncodedText.Check(twice, "body", fieldsOnce: true)?.Field);
        Assert.Null(UrlEncodedText.Check(twice, "query", fieldsOnce: false));
    }

    [Fact]
    public void More_fields_than_the_form_reader_takes_are_refused()
    {
        var many = Encoding.ASCII.GetBytes(string.Join("&", Enumerable.Range(0, UrlEncodedText.MaxFields + 1).Select(i => $"f{i}=1")));
        Assert.Equal("body", UrlEncodedText.Check(many, "body", fieldsOnce: true)?.Field);
    }
}
