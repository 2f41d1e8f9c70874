using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Payout.Sandbox.Tests.Infrastructure;

namespace Payout.Sandbox.Tests.Protocol;

/// <summary>How another host (Payout.Api) mounts the sandbox, and what stops its start.</summary>
public sealed class HostingTests
{
    [Fact]
    public async Task A_host_can_mount_the_whole_sandbox_under_a_prefix()
    {
        await using var host = NewHost(new() { ["Sandbox:ApiKey"] = SandboxApp.ApiKey });
        host.MapPayoutSandbox("/sandbox-network");
        await host.StartAsync();
        using var client = host.GetTestClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SandboxApp.ApiKey);

        using var mounted = await client.PostAsJsonAsync("/sandbox-network/v1/eligibility", new { cardNumber = "4111111111111111" });
        using var admin = await client.GetAsync("/sandbox-network/v1/admin/payouts");
        using var unmounted = await client.PostAsJsonAsync("/v1/eligibility", new { cardNumber = "4111111111111111" });

        Assert.Equal(HttpStatusCode.OK, mounted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unmounted.StatusCode);
        await host.StopAsync();
    }

    // Built directly rather than through WebApplicationFactory: when Main fails to start, the factory sometimes
    // reports an ObjectDisposedException from its own teardown instead of the start's error.
    [Theory]
    [InlineData("Sandbox:ApiKey", "short")]
    [InlineData("Sandbox:CallbackSecret", "")]
    [InlineData("Sandbox:CallbackUrl", "not a url")]
    [InlineData("Sandbox:PendingDelaySeconds", "-1")]
    [InlineData("Sandbox:CallbackMaxAttempts", "0")]
    public async Task A_bad_setting_stops_the_start_naming_the_setting(string key, string value)
    {
        await using var host = NewHost(new() { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains(key, StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(new SandboxOptions().Validate());
    }

    private static WebApplication NewHost(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddPayoutSandbox(builder.Configuration.GetSection(SandboxOptions.SectionName));
        return builder.Build();
    }
}
