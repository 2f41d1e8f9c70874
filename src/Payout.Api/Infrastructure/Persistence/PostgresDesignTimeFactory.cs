using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without a server.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPayoutDbContext>
{
    public PostgresPayoutDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresPayoutDbContext>();
        DatabaseSetup.ConfigurePostgres(options, "Host=localhost;Database=payout_design");
        return new PostgresPayoutDbContext(options.Options);
    }
}
