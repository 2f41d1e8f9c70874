using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePayoutDbContext>
{
    public SqlitePayoutDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqlitePayoutDbContext>();
        DatabaseSetup.ConfigureSqlite(options, "Data Source=design-time.db");
        return new SqlitePayoutDbContext(options.Options);
    }
}
