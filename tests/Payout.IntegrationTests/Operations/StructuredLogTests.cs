using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Operations;

/// <summary>The framework's request log switched on, as an operator would for access logs.</summary>
public sealed class AccessLogApp : PayoutApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
    };
}

public sealed class StructuredLogTests(AccessLogApp app) : IClassFixture<AccessLogApp>
{
    [Fact]
    public async Task Console_lines_are_json_with_a_utc_timestamp_and_the_trace_and_request_ids_of_their_request()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v4/payout/data?probe=" + traceId);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);

        Assert.Equal("json", app.ConsoleLines.FormatterName);
        var line = app.ConsoleLines.Lines.Select(l => JsonDocument.Parse(l).RootElement)
            .First(l => l.GetProperty("Message").GetString()!.Contains("Request starting", StringComparison.Ordinal)
                && l.GetProperty("Message").GetString()!.Contains(traceId, StringComparison.Ordinal));
        var timestamp = line.GetProperty("Timestamp").GetString()!;
        Assert.EndsWith("Z", timestamp, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(timestamp, System.Globalization.CultureInfo.InvariantCulture, out _), timestamp);

        var scopes = line.GetProperty("Scopes").EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("TraceId", out var id) && id.GetString() == traceId);
        Assert.Contains(scopes, s => s.TryGetProperty("RequestId", out var id) && !string.IsNullOrEmpty(id.GetString()));
    }
}
