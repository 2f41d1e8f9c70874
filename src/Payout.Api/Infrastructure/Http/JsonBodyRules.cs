using System.Text.Json;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Text;

namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// One pass over a JSON request body before anything binds it: well-formed JSON nested at most
/// <see cref="JsonSetup.MaxDepth"/> deep, no member named twice in one object (names compare without regard to case,
/// as binding does, so <c>amount</c> and <c>Amount</c> are the same member), and every string — values and names,
/// read or not — valid UTF-8 that passes <see cref="TextRules"/>. Numbers are left to binding (<see cref="ExactDecimalConverter"/>).
/// </summary>
public static class JsonBodyRules
{
    private static readonly JsonReaderOptions Options = new()
    {
        MaxDepth = JsonSetup.MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <returns>Why the body is refused, or null.</returns>
    public static Failure? Check(ReadOnlySpan<byte> body)
    {
        // The serializer skips a UTF-8 byte order mark; so do we.
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        if (body.IsEmpty)
        {
            return null; // binding answers "a body is required"
        }

        var reader = new Utf8JsonReader(body, Options);
        var members = new Stack<HashSet<string>>();
        string? field = null;
        try
        {
            while (reader.Read())
            {
                if (Check(ref reader, members, ref field) is { } failure)
                {
                    return failure;
                }
            }
        }
        catch (JsonException)
        {
            return Failure.Validation("body", "The request body is not valid JSON.");
        }
        catch (InvalidOperationException)
        {
            // The reader could not decode a string: invalid or overlong UTF-8, or an escaped lone surrogate.
            return Failure.Validation(field ?? "body", TextRules.Describe(TextProblem.BrokenUnicode));
        }

        return null;
    }

    private static Failure? Check(ref Utf8JsonReader reader, Stack<HashSet<string>> members, ref string? field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                members.Push(new HashSet<string>(StringComparer.OrdinalIgnoreCase));
                return null;
            case JsonTokenType.EndObject:
                members.Pop();
                return null;
            case JsonTokenType.PropertyName:
                var name = reader.GetString()!;
                if (reader.CurrentDepth == 1)
                {
                    field = FieldName(name);
                }

                if (TextRules.Check(name) is { } nameProblem)
                {
                    return Failure.Validation(field ?? "body", TextRules.Describe(nameProblem));
                }

                return members.Peek().Add(name)
                    ? null
                    : Failure.Validation(field ?? "body", "A JSON object must not name a member twice.");
            case JsonTokenType.String:
                // The length is checked on the raw bytes first, so a huge string is never decoded.
                var problem = reader.ValueSpan.Length > TextRules.MaxLength * 6 ? TextProblem.TooLong : TextRules.Check(reader.GetString());
                return problem is { } textProblem ? Failure.Validation(field ?? "body", TextRules.Describe(textProblem)) : null;
            default:
                return null;
        }
    }

    /// <summary>The root member being read, as the error's <c>field</c>; a name that is not a plain identifier is not echoed.</summary>
    private static string? FieldName(string name) =>
        name.Length is > 0 and <= 64 && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : null;
}
