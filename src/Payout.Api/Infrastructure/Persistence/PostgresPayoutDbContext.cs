using Microsoft.EntityFrameworkCore;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>PostgreSQL stores amounts as numeric(30,8) and instants as timestamptz: exact and readable.</summary>
public sealed class PostgresPayoutDbContext(DbContextOptions<PostgresPayoutDbContext> options) : PayoutDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<decimal>().HavePrecision(30, 8);
}
