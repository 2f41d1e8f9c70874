using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Payout.Api.Infrastructure.Persistence;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Operations;

/// <summary>
/// A database that can be switched off: while <see cref="Down"/>, opening a connection fails the way the provider fails
/// when its server is gone (PostgreSQL: connection refused) or stays locked (SQLite: busy). The real outage — the server
/// stopped with <c>pg_ctl -m immediate</c> — is the soak test's.
/// </summary>
public sealed class DatabaseOutageApp : PayoutApp
{
    private readonly Outage outage = new();

    public bool Down
    {
        get => outage.Down;
        set => outage.Down = value;
    }

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.ConfigureDbContext<SqlitePayoutDbContext>(o => o.AddInterceptors(outage));
        services.ConfigureDbContext<PostgresPayoutDbContext>(o => o.AddInterceptors(outage));
    }

    private sealed class Outage : DbConnectionInterceptor
    {
        private volatile bool down;

        public bool Down
        {
            get => down;
            set => down = value;
        }

        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(
            DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken) =>
            Down ? throw Failure(connection) : ValueTask.FromResult(result);

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            Down ? throw Failure(connection) : result;

        private static Exception Failure(DbConnection connection) => connection is SqliteConnection
            ? new SqliteException("database is locked", 5)
            : new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));
    }
}

public sealed class DatabaseOutageTests(DatabaseOutageApp app) : IClassFixture<DatabaseOutageApp>
{
    [Fact]
    public async Task While_the_database_is_down_requests_get_503_with_retry_after_and_nothing_changes()
    {
        var customer = await app.CreateCustomerAsync();
        await app.DepositAsync(customer.Id, "USDT", 50m);
        using var client = await app.ClientForAsync(customer);
        using var admin = app.AdminClient();

        app.Down = true;
        try
        {
            var deposit = await admin.PostAsJsonAsync($"/admin/v1/customers/{customer.Id}/deposits", new { currency = "USDT", amount = 10m });
            await deposit.AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
            Assert.Equal(TimeSpan.FromSeconds(2), deposit.Headers.RetryAfter?.Delta);
            await (await client.GetAsync("/v4/payout/data")).AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
            await (await app.RequestTokenAsync(new Dictionary<string, string>
            {
                ["grant_type"] = "mobile_phone",
                ["number"] = customer.Phone,
                ["password"] = customer.Password,
            })).AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        }
        finally
        {
            app.Down = false;
        }

        Assert.Equal(50m, await app.BalanceAsync(customer.Id, "USDT"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v4/payout/data")).StatusCode);
        // An outage is not a bug: no "unhandled exception" with a stack for it.
        Assert.DoesNotContain(app.Logs.Lines, line => line.Contains("Unhandled exception", StringComparison.Ordinal));
    }
}
