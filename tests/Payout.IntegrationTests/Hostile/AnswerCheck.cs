using System.Net.Http.Headers;
using System.Text.Json;
using Payout.Api.Domain.Errors;

namespace Payout.IntegrationTests.Hostile;

/// <summary>What every answer to a hostile request must be: never a 5xx; a refused request a 4xx; every error the spec's body.</summary>
public static class AnswerCheck
{
    /// <summary>Text that only an exception, a stack trace or a database would put in an answer.</summary>
    private static readonly string[] Leaks = ["Exception", "   at ", "Npgsql", "SQLite", "Microsoft.", "System.", "stack", "SELECT ", "INSERT "];

    /// <returns>What is wrong with the answer, or null.</returns>
    public static string? Problem(HostileCase hostile, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"answered {status}";
        }

        if (hostile.ExpectedStatus is { } expected && status != expected)
        {
            return $"answered {status}, not {expected}";
        }

        if (hostile.Expect == Expectation.Refused && status < 400)
        {
            return $"was accepted ({status})";
        }

        if (!response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) || !sniff.Contains("nosniff"))
        {
            return "has no X-Content-Type-Options: nosniff";
        }

        return status < 400 || hostile.Draft.Method == "HEAD" ? null
            : ErrorBodyProblem(status, response.Content.Headers.ContentType, body, hostile.Marker) ?? OptionalDemanded(body, hostile.NotAbout);
    }

    private static string? OptionalDemanded(string body, string? optional) =>
        optional is not null && JsonDocument.Parse(body).RootElement.GetProperty("field").ValueKind == JsonValueKind.String
            && JsonDocument.Parse(body).RootElement.GetProperty("field").GetString() == optional
            ? $"refused the missing {optional}, which the document calls optional"
            : null;

    private static string? ErrorBodyProblem(int status, MediaTypeHeaderValue? contentType, string body, string? marker)
    {
        if (contentType?.MediaType != "application/json")
        {
            return $"error answer is {contentType?.MediaType ?? "without a type"}, not the JSON error body";
        }

        if (Leaks.FirstOrDefault(leak => body.Contains(leak, StringComparison.Ordinal)) is { } leak)
        {
            return $"error body contains \"{leak}\"";
        }

        if (marker is not null && body.Contains(marker, StringComparison.Ordinal))
        {
            return "error body echoes the request's text";
        }

        try
        {
            var root = JsonDocument.Parse(body).RootElement;
            var error = root.GetProperty("error").GetString();
            if (!Enum.TryParse<ErrorCode>(error, out var code) || !Enum.IsDefined(code))
            {
                return $"error code {error} is not in the catalog";
            }

            var problems = new[]
            {
                root.GetProperty("errorId").GetInt32() != ErrorCatalog.ErrorIdOf(code) ? "errorId is not the code's" : null,
                ErrorCatalog.StatusOf(code) != status ? $"status {status} is not {code}'s" : null,
                root.GetProperty("status").GetInt32() != status ? "the body's status is not the answer's" : null,
                root.GetProperty("systemId").GetString() != "payout" ? "systemId is not payout" : null,
                string.IsNullOrWhiteSpace(root.GetProperty("message").GetString()) ? "message is empty" : null,
                root.GetProperty("data").ValueKind != JsonValueKind.Object ? "data is not an object" : null,
                root.GetProperty("field").ValueKind is not (JsonValueKind.String or JsonValueKind.Null) ? "field is neither text nor null" : null,
            };
            return problems.FirstOrDefault(p => p is not null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return "error answer is not the spec's error body";
        }
    }
}
