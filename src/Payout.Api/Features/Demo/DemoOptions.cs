using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Demo;

/// <summary>Section <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo merchant and customer on an empty database. Unset: on for SQLite, off for PostgreSQL.</summary>
    public bool? Seed { get; set; }

    public static bool SeedEnabled(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<DemoOptions>()?.Seed
        ?? configuration.ReadDatabaseOptions().Provider == DatabaseProvider.Sqlite;
}
