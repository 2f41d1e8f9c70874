using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Auth;

/// <summary>
/// Bearer tokens are validated only on routes that require authorization. The embedded sandbox network is called with
/// the network's API key as its bearer; validating that as a customer token failed (an exception and a log line) on
/// every payout.
/// </summary>
public sealed class BearerValidationTests(BearerValidationTests.AuthenticationLogsApp app) : IClassFixture<BearerValidationTests.AuthenticationLogsApp>
{
    /// <summary>The authentication handler's own log lines (a failed validation is logged at Information).</summary>
    public sealed class AuthenticationLogsApp : PayoutApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore.Authentication"] = "Debug",
        };
    }

    [Fact]
    public async Task A_payout_through_the_embedded_network_fails_no_bearer_validation()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();

        Assert.Equal("SUCCESS", (await app.PayOutAsync(client, cardId, 50m)).GetProperty("status").GetString());

        var failures = app.Logs.Lines.Where(line => line.Contains("Failure message", StringComparison.Ordinal)
            || line.Contains("Failed to validate the token", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }
}
