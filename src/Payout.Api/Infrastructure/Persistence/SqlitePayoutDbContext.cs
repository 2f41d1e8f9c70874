using Microsoft.EntityFrameworkCore;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// SQLite has no decimal and no instant type: amounts are stored as whole 10^-8 units in an INTEGER and
/// instants as UTC ticks, so comparisons, ordering and SUM run in the database, exactly.
/// </summary>
public sealed class SqlitePayoutDbContext(DbContextOptions<SqlitePayoutDbContext> options) : PayoutDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<decimal>().HaveConversion<DecimalUnitsConverter>();
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
