using Microsoft.EntityFrameworkCore;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Customers;
using Payout.Api.Features.Ledger;
using Payout.Api.Features.Offers;
using Payout.Api.Features.Payouts;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// The one database of the service. Each provider has its own subclass, so each keeps its own migrations
/// and its own storage of amounts and instants (see docs/decisions.md).
/// </summary>
public abstract class PayoutDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<LedgerAccount> LedgerAccounts => Set<LedgerAccount>();

    public DbSet<LedgerTransactionRecord> LedgerTransactions => Set<LedgerTransactionRecord>();

    public DbSet<LedgerPosting> LedgerPostings => Set<LedgerPosting>();

    public DbSet<ExternalTransfer> ExternalTransfers => Set<ExternalTransfer>();

    public DbSet<Card> Cards => Set<Card>();

    public DbSet<Offer> Offers => Set<Offer>();

    public DbSet<PayoutOperation> PayoutOperations => Set<PayoutOperation>();

    public DbSet<PayoutOutboxEntry> PayoutOutbox => Set<PayoutOutboxEntry>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PayoutDbContext).Assembly);
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

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

/// <summary>PostgreSQL stores amounts as numeric(30,8) and instants as timestamptz: exact and readable.</summary>
public sealed class PostgresPayoutDbContext(DbContextOptions<PostgresPayoutDbContext> options) : PayoutDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<decimal>().HavePrecision(30, 8);
}
