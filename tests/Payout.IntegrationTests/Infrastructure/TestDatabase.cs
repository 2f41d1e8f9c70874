using Microsoft.EntityFrameworkCore;
using Npgsql;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh database for one test app. The suite runs once per provider: scripts/test.sh sets
/// PAYOUT_TEST_DATABASE (Sqlite or Postgres) and, for PostgreSQL, PAYOUT_TEST_POSTGRES (a superuser
/// connection to the throwaway cluster it started).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? sqliteDirectory;
    private readonly string? postgresAdmin;
    private readonly string? postgresName;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> usedWith = new();

    private TestDatabase(string provider, string connectionString, string? sqliteDirectory, string? postgresAdmin, string? postgresName, bool migrated)
    {
        Provider = provider;
        IsMigrated = migrated;
        ConnectionString = connectionString;
        this.sqliteDirectory = sqliteDirectory;
        this.postgresAdmin = postgresAdmin;
        this.postgresName = postgresName;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public bool IsPostgres => Provider == "Postgres";

    /// <summary>A copy of the migrated template: every migration applied before any app starts on it.</summary>
    public bool IsMigrated { get; }

    public static string ProviderUnderTest => Environment.GetEnvironmentVariable("PAYOUT_TEST_DATABASE") switch
    {
        null or "" or "Sqlite" => "Sqlite",
        "Postgres" => "Postgres",
        var other => throw new InvalidOperationException($"PAYOUT_TEST_DATABASE={other} is neither Sqlite nor Postgres."),
    };

    /// <summary>
    /// A fresh database with every migration applied: a copy of one template migrated once per test process
    /// (<c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL, a file copy on SQLite), not a migration per test class.
    /// </summary>
    public static async Task<TestDatabase> CreateAsync() => await CreateAsync(await MigratedTemplate.Value);

    /// <summary>A fresh database with no tables, for tests of the migration at start itself.</summary>
    public static Task<TestDatabase> CreateEmptyAsync() => CreateAsync(template: null);

    private static readonly Lazy<Task<Template>> MigratedTemplate = new(CreateTemplateAsync);

    private sealed record Template(string? SqliteFile, string? PostgresName);

    private static async Task<TestDatabase> CreateAsync(Template? template)
    {
        if (ProviderUnderTest == "Sqlite")
        {
            var directory = Directory.CreateTempSubdirectory("payout-test-").FullName;
            var path = Path.Combine(directory, "payout.db");
            if (template?.SqliteFile is { } file)
            {
                File.Copy(file, path);
            }

            return new TestDatabase("Sqlite", $"Data Source={path}", directory, null, null, migrated: template is not null);
        }

        var admin = PostgresAdmin();
        var name = $"payout_test_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, template?.PostgresName is { } source ? $"CREATE DATABASE {name} TEMPLATE {source}" : $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 60 }.ConnectionString;
        return new TestDatabase("Postgres", connectionString, null, admin, name, migrated: template is not null);
    }

    /// <summary>Migrates a database the way the service does at start, once; it is only ever copied afterwards.</summary>
    private static async Task<Template> CreateTemplateAsync()
    {
        var empty = await CreateAsync(template: null);
        if (empty.IsPostgres)
        {
            var options = new DbContextOptionsBuilder<PostgresPayoutDbContext>();
            DatabaseSetup.ConfigurePostgres(options, empty.ConnectionString);
            await using (var db = new PostgresPayoutDbContext(options.Options))
            {
                await db.Database.MigrateAsync();
            }

            // A template must have no connection open while it is copied.
            NpgsqlConnection.ClearAllPools();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => empty.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return new Template(null, empty.postgresName);
        }

        var sqlite = new DbContextOptionsBuilder<SqlitePayoutDbContext>();
        DatabaseSetup.ConfigureSqlite(sqlite, empty.ConnectionString);
        await using (var db = new SqlitePayoutDbContext(sqlite.Options))
        {
            await db.Database.MigrateAsync();
            // The service turns WAL on at start; it is a property of the file, so every copy has it.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => empty.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return new Template(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(empty.ConnectionString).DataSource, null);
    }

    private static string PostgresAdmin() => Environment.GetEnvironmentVariable("PAYOUT_TEST_POSTGRES")
        ?? throw new InvalidOperationException("PAYOUT_TEST_POSTGRES is not set; run the suite with scripts/test.sh.");

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Remembers a connection string an app opened this database with (the service adds its own settings to the one it
    /// is given), so that only this database's connection pool is emptied when it is dropped.
    /// </summary>
    public void UsedWith(string connectionString) => usedWith[connectionString] = true;

    public async ValueTask DisposeAsync()
    {
        // Only this database's pools: emptying every pool of the process (ClearAllPools) made every other app running at
        // the time open its connections again — on PostgreSQL a new server process each, with its caches to fill.
        if (sqliteDirectory is not null)
        {
            foreach (var connectionString in usedWith.Keys.Append(ConnectionString))
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearPool(new Microsoft.Data.Sqlite.SqliteConnection(connectionString));
            }

            TryDelete(sqliteDirectory);
        }

        if (postgresAdmin is not null)
        {
            foreach (var connectionString in usedWith.Keys.Append(ConnectionString))
            {
                NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
            }

            // WITH (FORCE) ends any connection still open on it.
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
