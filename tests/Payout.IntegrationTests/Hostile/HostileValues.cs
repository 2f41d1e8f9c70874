using System.Text;

namespace Payout.IntegrationTests.Hostile;

/// <summary>The hostile values the generator puts into requests, by kind.</summary>
public static class HostileValues
{
    /// <summary>JSON string escapes of everything <c>TextRules</c> refuses: controls, lone and reversed surrogates, non-characters, U+FFFD.</summary>
    public static readonly string[] EscapedBadText =
    [
        "\\u0000", "\\u0001", "\\u001f", "\\t", "\\n", "\\r", "\\u007f", "\\u0085", "\\u009f",
        "\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud800\\ud800",
        "\\ufffe", "\\uffff", "\\ufdd0", "\\ufdef", "\\ud83f\\udffe", "\\udbff\\udfff", "\\ufffd",
    ];

    /// <summary>Raw bytes that are not UTF-8 (or not allowed raw in a JSON string).</summary>
    public static readonly byte[][] RawBadBytes =
    [
        [0xff], [0xfe, 0xff], [0x80], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xed, 0xbf, 0xbf],
        [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x00], [0x1f],
    ];

    /// <summary>Percent-encoded bad text for forms and query strings: what a decoder turns into a control, a non-character or U+FFFD.</summary>
    public static readonly string[] PercentBadText =
    [
        "%00", "%01", "%1F", "%09", "%0A", "%7F", "%C2%85", "%ED%A0%80", "%EF%BF%BF", "%EF%BF%BE", "%EF%B7%90", "%EF%BF%BD",
        "%FF", "%C0%AF", "%E2%82", "%F4%90%80%80",
    ];

    /// <summary>Text that tries to be code somewhere: SQL, markup, templates, lookups, paths. It must stay text.</summary>
    public static readonly string[] Injections =
    [
        "' OR '1'='1", "1; DROP TABLE customers; --", "' UNION SELECT password_hash FROM customers --", "<script>alert(1)</script>",
        "${jndi:ldap://127.0.0.1:1/a}", "{{7*7}}${7*7}", "../../../../etc/passwd", "%00%0d%0aSet-Cookie: x=1", "{\"$where\": \"1 == 1\"}",
        "\\\\127.0.0.1\\share", "http://127.0.0.1:1/ssrf", "admin'--",
    ];

    /// <summary>Numbers no amount, id, year or month may be: too big, too small, too precise, signed wrong, not integers.</summary>
    public static readonly string[] BadNumbers =
    [
        "1e400", "-1e400", "1e-400", "-0", "0", "-1", "-5.5", "9223372036854775808", "79228162514264337593543950336",
        "1.00000000000000000000000000001", "0.000000000000000000000000000001",
    ];

    /// <summary>Card numbers as JSON numbers that only look like one: signed, fractional, in exponent form.</summary>
    public static readonly string[] BadCardNumbers = ["-4111111111111111", "4.111111111111111e15", "4111111111111111.0", "1e400", "0"];

    public static readonly string[] MalformedJson =
    [
        " ", "not json", "{", "}", "[]", "[{}]", "null", "123", "\"text\"", "true", "{\"a\":}", "{'a': 1}", "{\"a\": 1,}", "{\"a\": 1} /* note */",
        "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": 0x10}", "{\"a\": 01}", "{\"a\" 1}", "{a: 1}", "\uFEFF\uFEFF{}",
    ];

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A JSON string member value from raw bytes placed between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static byte[] JsonString(string before, byte[] middle, string after) =>
        [.. Utf8("\"" + before), .. middle, .. Utf8(after + "\"")];

    public static string Nested(int depth) => new string('[', depth) + new string(']', depth);
}
