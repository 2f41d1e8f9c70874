using Microsoft.EntityFrameworkCore;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// The one database of the service. Each provider has its own subclass, so each keeps its own migrations
/// and its own storage of amounts and instants (see docs/decisions.md). The model is every
/// <see cref="IEntityTypeConfiguration{TEntity}"/> of this assembly: each feature maps its own entities beside them
/// and reaches them with <see cref="DbContext.Set{TEntity}()"/> in its own persistence class, so this context knows
/// no feature.
/// </summary>
public abstract class PayoutDbContext(DbContextOptions options) : DbContext(options)
{
    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PayoutDbContext).Assembly);
}
