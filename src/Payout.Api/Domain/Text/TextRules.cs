namespace Payout.Api.Domain.Text;

/// <summary>
/// What any text a client sends may hold, whatever the field: well-formed Unicode without control characters,
/// non-characters or the replacement character, and at most <see cref="MaxLength"/> characters. PostgreSQL cannot
/// store NUL in text at all, and control characters, lone surrogates and non-characters have no place in a name,
/// an address, a reference or a password; U+FFFD is what a decoder puts where the bytes were not UTF-8. Fields
/// with a stricter rule (a holder's name, a phone number) check it on top of this one.
/// </summary>
public static class TextRules
{
    /// <summary>No text field of the API needs more; most have a tighter bound of their own.</summary>
    public const int MaxLength = 1000;

    private const char ReplacementCharacter = '\uFFFD';

    public static TextProblem? Check(ReadOnlySpan<char> text)
    {
        if (text.Length > MaxLength)
        {
            return TextProblem.TooLong;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                return TextProblem.ControlCharacter;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (IsNonCharacter(char.ConvertToUtf32(c, text[++i])))
                {
                    return TextProblem.NonCharacter;
                }
            }
            else if (char.IsSurrogate(c))
            {
                return TextProblem.BrokenUnicode;
            }
            else if (c == ReplacementCharacter)
            {
                return TextProblem.BrokenUnicode;
            }
            else if (IsNonCharacter(c))
            {
                return TextProblem.NonCharacter;
            }
        }

        return null;
    }

    public static string Describe(TextProblem problem) => problem switch
    {
        TextProblem.TooLong => $"Text must be at most {MaxLength} characters.",
        TextProblem.ControlCharacter => "Text must not contain control characters (NUL, tab, line breaks and the like).",
        TextProblem.BrokenUnicode => "Text must be well-formed UTF-8 Unicode (no lone surrogates or replacement characters).",
        TextProblem.NonCharacter => "Text must not contain Unicode non-characters (U+FFFE, U+FFFF, U+FDD0 to U+FDEF and the like).",
    };

    /// <summary>U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE, …).</summary>
    private static bool IsNonCharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}
