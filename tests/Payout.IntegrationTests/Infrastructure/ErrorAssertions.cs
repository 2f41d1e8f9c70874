using System.Net;
using System.Text.Json;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;

namespace Payout.IntegrationTests.Infrastructure;

public static class ErrorAssertions
{
    /// <summary>Asserts the status and the spec's error body, and returns the body for further checks.</summary>
    public static async Task<JsonElement> AssertErrorAsync(
        this HttpResponseMessage response, HttpStatusCode status, string code, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status} {code}, got {(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, body.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Number, body.GetProperty("errorId").ValueKind);
        Assert.Equal("payout", body.GetProperty("systemId").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()));
        Assert.Equal(JsonValueKind.Object, body.GetProperty("data").ValueKind);
        // data carries only the members the code's row of the table says (what clears it), nothing else.
        var documented = Enum.TryParse<ErrorCode>(code, out var known) ? ErrorData.MembersByCode.GetValueOrDefault(known, []) : [];
        Assert.All(body.GetProperty("data").EnumerateObject(), member => Assert.Contains(member.Name, documented));
        Assert.True(body.TryGetProperty("field", out var actualField));
        if (field is not null)
        {
            Assert.Equal(field, actualField.GetString());
        }

        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return body;
    }
}
