using Npgsql;

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test app. The suite runs once per provider: scripts/test.sh sets
/// PAYOUT_TEST_DATABASE (Sqlite or Postgres) and, for PostgreSQL, PAYOUT_TEST_POSTGRES (a superuser
/// connection to the throwaway cluster it started).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? sqliteDirectory;
    private readonly string? postgresAdmin;
    private readonly string? postgresName;

    private TestDatabase(string provider, string connectionString, string? sqliteDirectory, string? postgresAdmin, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.sqliteDirectory = sqliteDirectory;
        this.postgresAdmin = postgresAdmin;
        this.postgresName = postgresName;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public bool IsPostgres => Provider == "Postgres";

    public static string ProviderUnderTest => Environment.GetEnvironmentVariable("PAYOUT_TEST_DATABASE") switch
    {
        null or "" or "Sqlite" => "Sqlite",
        "Postgres" => "Postgres",
        var other => throw new InvalidOperationException($"PAYOUT_TEST_DATABASE={other} is neither Sqlite nor Postgres."),
    };

    public static async Task<TestDatabase> CreateAsync()
    {
        if (ProviderUnderTest == "Sqlite")
        {
            var directory = Directory.CreateTempSubdirectory("payout-test-").FullName;
            var path = Path.Combine(directory, "payout.db");
            return new TestDatabase("Sqlite", $"Data Source={path}", directory, null, null);
        }

        var admin = Environment.GetEnvironmentVariable("PAYOUT_TEST_POSTGRES")
            ?? throw new InvalidOperationException("PAYOUT_TEST_POSTGRES is not set; run the suite with scripts/test.sh.");
        var name = $"payout_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 60 }.ConnectionString;
        return new TestDatabase("Postgres", connectionString, null, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (sqliteDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TryDelete(sqliteDirectory);
        }

        if (postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a closing pool is left to the OS's temp cleaner.
        }
    }
}
