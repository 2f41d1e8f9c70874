using System.Text;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Text;

namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// Checks URL-encoded text (a query string, a form body) as sent, before the framework decodes it: the framework keeps
/// a percent-escape that is not UTF-8 (<c>%FF</c>, <c>%ED%A0%80</c>) as literal text, so bytes that were never
/// UTF-8 would pass as <c>"%FF"</c>. Here every name and value must decode to well-formed UTF-8 and pass
/// <see cref="TextRules"/>.
/// </summary>
public static class UrlEncodedText
{
    /// <summary>As many fields as the framework's form reader takes (its default); more is refused here, not thrown there.</summary>
    public const int MaxFields = 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="text">The raw text, without a leading <c>?</c>.</param>
    /// <param name="where">The error's <c>field</c> when the problem is in a name (<c>query</c>, <c>body</c>).</param>
    /// <param name="fieldsOnce">Whether a name may appear only once (forms: a field sent twice is ambiguous).</param>
    public static Failure? Check(ReadOnlySpan<byte> text, string where, bool fieldsOnce)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var fields = 0;
        foreach (var range in text.Split((byte)'&'))
        {
            var pair = text[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            if (++fields > MaxFields)
            {
                return Failure.Validation(where, $"At most {MaxFields} fields are read.");
            }

            var equals = pair.IndexOf((byte)'=');
            var name = Decode(equals < 0 ? pair : pair[..equals]);
            if (ProblemOf(name) is { } nameProblem)
            {
                return Failure.Validation(where, TextRules.Describe(nameProblem));
            }

            var field = FieldName(name!, where);
            if (ProblemOf(equals < 0 ? "" : Decode(pair[(equals + 1)..])) is { } valueProblem)
            {
                return Failure.Validation(field, TextRules.Describe(valueProblem));
            }

            if (fieldsOnce && !names.Add(name!))
            {
                return Failure.Validation(field, "A field must not be sent twice.");
            }
        }

        return null;
    }

    private static TextProblem? ProblemOf(string? decoded) => decoded is null ? TextProblem.BrokenUnicode : TextRules.Check(decoded);

    /// <summary>A name as the error's <c>field</c>; one that is not a plain identifier is not echoed.</summary>
    public static string FieldName(string name, string otherwise) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? name : otherwise;

    /// <summary>Percent-escapes and <c>+</c> (a space) decoded, then UTF-8 read strictly; null when the bytes are not UTF-8.</summary>
    private static string? Decode(ReadOnlySpan<byte> component)
    {
        var bytes = new byte[component.Length];
        var length = 0;
        for (var i = 0; i < component.Length; i++)
        {
            var b = component[i];
            if (b == (byte)'%' && i + 2 < component.Length && IsHex(component[i + 1]) && IsHex(component[i + 2]))
            {
                bytes[length++] = (byte)((HexValue(component[i + 1]) << 4) | HexValue(component[i + 2]));
                i += 2;
            }
            else
            {
                bytes[length++] = b == (byte)'+' ? (byte)' ' : b;
            }
        }

        try
        {
            return StrictUtf8.GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
