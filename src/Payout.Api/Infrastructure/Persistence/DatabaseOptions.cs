using System.ComponentModel.DataAnnotations;

namespace Payout.Api.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start (under the database's migration lock).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Connections per process; small by default because 2-core hosts gain nothing from more.</summary>
    [Range(1, 500)]
    public int MaxPoolSize { get; set; } = 50;
}
