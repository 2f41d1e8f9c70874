using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Startup;

public sealed class StartupTests
{
    [Fact]
    public async Task Several_processes_starting_at_once_on_an_empty_database_migrate_once_and_all_serve()
    {
        await using var database = await TestDatabase.CreateEmptyAsync();
        var keys = Directory.CreateTempSubdirectory("payout-keys-").FullName;
        var apps = Enumerable.Range(0, 3).Select(_ => new PayoutApp(database, keys)).ToList();
        try
        {
            await Task.WhenAll(apps.Select(app => Task.Run(() => ((IAsyncLifetime)app).InitializeAsync())));

            var customer = await apps[0].CreateCustomerAsync();
            await apps[1].DepositAsync(customer.Id, "BTC", 1m);
            Assert.Equal(1m, await apps[2].BalanceAsync(customer.Id, "BTC"));
        }
        finally
        {
            foreach (var app in apps)
            {
                await ((IAsyncLifetime)app).DisposeAsync();
            }

            Directory.Delete(keys, recursive: true);
        }
    }

    [Fact]
    public void Postgres_without_a_connection_string_stops_the_start_with_a_clear_message()
    {
        var error = StartFailure(b =>
        {
            b.UseSetting("Database:Provider", "Postgres");
            b.UseSetting("ConnectionStrings:Payout", "");
        });

        Assert.Contains("ConnectionStrings__Payout", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Postgres_with_missing_keys_stops_the_start_naming_the_folder_and_the_way_out()
    {
        var keys = Directory.CreateTempSubdirectory("payout-nokeys-").FullName;
        var error = StartFailure(b =>
        {
            b.UseSetting("Database:Provider", "Postgres");
            b.UseSetting("ConnectionStrings:Payout", "Host=127.0.0.1;Port=1;Database=unused");
            b.UseSetting("Admin:ApiKey", PayoutApp.AdminKey);
            b.UseSetting("Keys:Directory", keys);
        });

        Assert.Contains(keys, error, StringComparison.Ordinal);
        Assert.Contains("Keys:GenerateMissing", error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(keys, "*.key", SearchOption.AllDirectories));
        Directory.Delete(keys, recursive: true);
    }

    [Fact]
    public void An_admin_key_that_is_too_short_stops_the_start()
    {
        var error = StartFailure(b =>
        {
            b.UseSetting("ConnectionStrings:Payout", $"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".db")}");
            b.UseSetting("Admin:ApiKey", "short");
        });

        Assert.Contains("Admin:ApiKey", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_default_seeds_the_demo_customer_with_the_spec_balances()
    {
        // The database and the keys in one folder of the test's own, removed whatever the outcome.
        var folder = Directory.CreateTempSubdirectory("payout-demo-").FullName;
        try
        {
            using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            {
                b.UseSetting("Database:Provider", "Sqlite");
                b.UseSetting("ConnectionStrings:Payout", $"Data Source={Path.Combine(folder, "payout.db")}");
                b.UseSetting("Keys:Directory", Path.Combine(folder, "keys"));
                b.UseSetting("Auth:PasswordHasher:IterationCount", "1");
            });
            using var admin = factory.CreateClient();
            admin.DefaultRequestHeaders.Add("X-Admin-Key", "demo-admin-key-change-me");

            var found = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/admin/v1/customers?phone=%2B447871239999");
            var demo = Assert.Single(found.GetProperty("items").EnumerateArray());
            Assert.Equal("KYC_1", demo.GetProperty("kycLevel").GetString());
            Assert.Equal("bece038f-2e46-49f4-b25e-89cd38d6dc16", demo.GetProperty("merchantId").GetString());
            var balances = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>(
                $"/admin/v1/customers/{demo.GetProperty("customerId").GetInt64()}/balances");
            var byCurrency = balances.GetProperty("balances").EnumerateArray()
                .ToDictionary(b => b.GetProperty("currency").GetString()!, b => b.GetProperty("balance").GetDecimal());
            Assert.Equal(0.5m, byCurrency["BTC"]);
            Assert.Equal(3_000m, byCurrency["XRP"]);
            Assert.Equal(5_000m, byCurrency["USDT"]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The error that stopped the start, every inner message joined. When the app's own start fails, its entry point
    /// disposes the host, and WebApplicationFactory can then report <see cref="ObjectDisposedException"/> (a disposed
    /// service provider) instead of the start's error: seen in full suite runs, on a quiet machine too, never with
    /// the class alone. A fresh factory tries again; only that outcome is retried, any other error is the answer.
    /// </summary>
    private static string StartFailure(Action<IWebHostBuilder> configure)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(configure);
            var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            if (error is not ObjectDisposedException || attempt == attempts)
            {
                return Flatten(error);
            }
        }
    }

    private static string Flatten(Exception error) =>
        error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException);
}
