using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Payout.Api.Infrastructure.Persistence;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Payout";
    public const string DefaultSqliteConnection = "Data Source=data/payout.db";

    public static DatabaseOptions ReadDatabaseOptions(this IConfiguration configuration) =>
        configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();

    public static IHostApplicationBuilder AddPayoutDatabase(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.ReadDatabaseOptions();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = SqliteConnectionString(connectionString ?? DefaultSqliteConnection, builder.Environment.ContentRootPath);
                builder.Services.AddDbContextPool<PayoutDbContext, SqlitePayoutDbContext>(
                    (services, o) => ConfigureSqlite(o, sqlite, services.GetRequiredService<ILoggerFactory>().CreateLogger<SqliteWriteGate>()));
                builder.Services.AddSingleton(_ => new SqliteReadConnections(sqlite));
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is Postgres but ConnectionStrings:Payout (ConnectionStrings__Payout) is not set.");
                }

                var postgres = PostgresConnectionString(connectionString, options.MaxPoolSize);
                builder.Services.AddDbContextPool<PayoutDbContext, PostgresPayoutDbContext>(o => ConfigurePostgres(o, postgres));
                break;
        }

        return builder;
    }

    /// <summary>Every context on one file shares the process's <see cref="SqliteWriteGate"/> for that file.</summary>
    internal static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString, ILogger? gateLogger = null)
    {
        var gate = SqliteWriteGate.For(connectionString, gateLogger ?? NullLogger.Instance);
        var busyTimeout = new SqliteConnectionStringBuilder(connectionString).DefaultTimeout * 1000;
        options.UseSqlite(connectionString).UseSnakeCaseNamingConvention()
            .AddInterceptors(new SqliteWriteGateInterceptor(gate, SqliteWalFlush.For(connectionString), busyTimeout));
        LogFailedCommandsAtDebug(options);
    }

    internal static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        LogFailedCommandsAtDebug(options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention());

    /// <summary>
    /// EF logs every failed command and save as an error, with its SQL, before the caller sees the exception. Several
    /// failures are answers here, caught where they happen (a unique key taken: a phone already registered, an idempotency
    /// key or a job's lease taken by another request or process, a callback seen twice), and an error log for each would
    /// page an operator for nothing. A failure nobody catches is logged as an error where it ends (the request's exception
    /// handler, each background loop), so EF's own record of it is kept at Debug, SQL and all.
    /// </summary>
    private static void LogFailedCommandsAtDebug(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(warnings => warnings.Log(
            (RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug)));

    /// <summary>
    /// The operator's connection string, with two defaults unless it sets them itself. <c>No Reset On Close</c>:
    /// no <c>DISCARD ALL</c> each time a connection goes back to the pool (a round trip per request, and it would
    /// drop the prepared statements). <c>Max Auto Prepare</c>: the statements run most are prepared once per
    /// connection. Both are safe because the service keeps no session state on a connection: no <c>SET</c>, no temporary
    /// tables, no <c>LISTEN</c>, and the one session advisory lock (<see cref="MigrationLock"/>) is taken on a connection of
    /// its own. <c>Multiplexing</c> stays off unless the operator turns it on: with automatic preparation it lost its place in
    /// the protocol after a database restart and failed requests with 500s (see docs/decisions.md).
    /// </summary>
    internal static string PostgresConnectionString(string connectionString, int maxPoolSize)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize };
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>().Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!given.Contains("NoResetOnClose"))
        {
            csb.NoResetOnClose = true;
        }

        if (!given.Contains("MaxAutoPrepare"))
        {
            csb.MaxAutoPrepare = 100;
        }

        return csb.ConnectionString;
    }

    /// <summary>
    /// A relative SQLite path is taken from the content root, and its folder is created, so a fresh clone
    /// starts with no set-up. The timeout (SQLite's busy timeout too, see <see cref="SqliteWriteGateInterceptor"/>) makes
    /// a second writer wait instead of failing.
    /// </summary>
    private static string SqliteConnectionString(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(csb.DataSource) && csb.DataSource != ":memory:")
        {
            var path = Path.IsPathRooted(csb.DataSource) ? csb.DataSource : Path.Combine(contentRoot, csb.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }

        csb.DefaultTimeout = Math.Max(csb.DefaultTimeout, 30);
        csb.ForeignKeys = true;
        return csb.ConnectionString;
    }

    /// <summary>
    /// Applies migrations. EF Core takes a database-wide lock around them (a lock table on SQLite), and on PostgreSQL
    /// <see cref="MigrationLock"/> holds an advisory lock around the whole run, so several processes starting at once
    /// migrate exactly once.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutDbContext>();
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers proceed while one writer holds the write lock.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }

        await using (await MigrationLock.AcquireAsync(db, cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }
}
