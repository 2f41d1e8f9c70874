using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.UnitTests.Conventions;

/// <summary>
/// Each provider's migrations and model snapshot describe the model the code builds, so a schema change always comes
/// with its migration (scripts/add-migration.sh) — the same check as <c>dotnet ef migrations has-pending-model-changes</c>,
/// without a database.
/// </summary>
public sealed class MigrationTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no SQLite migration has: run scripts/add-migration.sh.");
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        using var db = new PostgresDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no PostgreSQL migration has: run scripts/add-migration.sh.");
    }
}
