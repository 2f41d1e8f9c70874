using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payout.Api.Features.Auth;
using Payout.Api.Infrastructure.Housekeeping;
using Payout.Api.Infrastructure.Idempotency;
using Payout.Api.Infrastructure.Persistence;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Housekeeping;

/// <summary>The purge runs when a test says so (no background rounds), in batches smaller than what it deletes.</summary>
public sealed class HousekeepingApp : PayoutApp
{
    public const int BatchSize = 3;

    public HousekeepingApp()
    {
    }

    internal HousekeepingApp(TestDatabase sharedDatabase, string sharedKeysDirectory)
        : base(sharedDatabase, sharedKeysDirectory)
    {
    }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Housekeeping:Enabled"] = "false",
        ["Housekeeping:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Moves the clock, so it has an app of its own.</summary>
public sealed class HousekeepingTests(HousekeepingApp app) : IClassFixture<HousekeepingApp>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(new HousekeepingOptions().IntervalMinutes);

    [Fact]
    public async Task The_purge_deletes_expired_idempotency_keys_and_old_sign_in_failures_and_keeps_the_rest()
    {
        var customer = await app.CreateCustomerAsync();
        var prefix = $"purge-{customer.Id}-";
        for (var i = 0; i < 2 * HousekeepingApp.BatchSize + 1; i++)
        {
            await DepositWithKeyAsync(customer.Id, prefix + "old-" + i);
        }

        var oldNumber = app.NewPhone();
        for (var i = 0; i < HousekeepingApp.BatchSize + 1; i++)
        {
            (await app.RequestTokenAsync(WrongPassword(oldNumber))).Dispose();
        }

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        var freshNumber = app.NewPhone();
        (await app.RequestTokenAsync(WrongPassword(freshNumber))).Dispose();

        Assert.True(await RunPurgeAsync(app));
        Assert.Equal(0, await FailuresAsync(oldNumber));
        Assert.Equal(1, await FailuresAsync(freshNumber));
        Assert.Equal(2 * HousekeepingApp.BatchSize + 1, await KeysAsync(prefix));

        app.Clock.Advance(TimeSpan.FromHours(24));
        await DepositWithKeyAsync(customer.Id, prefix + "fresh");

        Assert.True(await RunPurgeAsync(app));
        Assert.Equal(1, await KeysAsync(prefix));
        Assert.Equal(0, await FailuresAsync(freshNumber));
    }

    [Fact]
    public async Task Of_two_processes_only_one_purges_per_interval()
    {
        await using var second = new HousekeepingApp(app.Database, app.KeysDirectory);
        await second.InitializeAsync();
        second.Clock.SetUtcNow(app.Clock.GetUtcNow());
        app.Clock.Advance(Interval);
        second.Clock.Advance(Interval);

        var first = await Task.WhenAll(RunPurgeAsync(app), RunPurgeAsync(second));
        Assert.Single(first, ran => ran);
        Assert.False(await RunPurgeAsync(app));
        Assert.False(await RunPurgeAsync(second));

        app.Clock.Advance(Interval);
        second.Clock.Advance(Interval);
        var next = await Task.WhenAll(RunPurgeAsync(second), RunPurgeAsync(app));
        Assert.Single(next, ran => ran);
    }

    private static Task<bool> RunPurgeAsync(PayoutApp on) =>
        on.Services.GetRequiredService<HousekeepingWorker>().RunIfDueAsync(CancellationToken.None);

    private async Task DepositWithKeyAsync(long customerId, string key)
    {
        using var admin = app.AdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/v1/customers/{customerId}/deposits")
        {
            Content = JsonContent.Create(new { currency = "USDT", amount = 1m }),
        };
        request.Headers.Add("Idempotency-Key", key);
        (await admin.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private async Task<int> KeysAsync(string prefix)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PayoutDbContext>().Set<IdempotencyRecord>().CountAsync(r => r.Key.StartsWith(prefix));
    }

    private async Task<int> FailuresAsync(string phone)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PayoutDbContext>().Set<SignInFailure>().CountAsync(f => f.Phone == phone);
    }

    private static Dictionary<string, string> WrongPassword(string number) => new()
    {
        ["grant_type"] = "mobile_phone",
        ["number"] = number,
        ["password"] = "not-the-password",
    };
}
