using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Reconciliation;

/// <summary>One difference a run found; the day's set is replaced with each run.</summary>
public sealed class ReconciliationDifferenceRecord
{
    public long Id { get; set; }

    public DateOnly Day { get; set; }

    public required string Kind { get; set; }

    public long? OperationId { get; set; }

    public decimal? NetworkAmount { get; set; }

    public decimal? OurAmount { get; set; }

    public required string Currency { get; set; }
}

internal sealed class ReconciliationDifferenceConfiguration : IEntityTypeConfiguration<ReconciliationDifferenceRecord>
{
    public void Configure(EntityTypeBuilder<ReconciliationDifferenceRecord> builder)
    {
        builder.ToTable("reconciliation_differences");
        builder.Property(d => d.Kind).HasMaxLength(20);
        builder.Property(d => d.Currency).HasMaxLength(10);
        builder.HasOne<ReconciliationRun>().WithMany().HasForeignKey(d => d.Day).HasConstraintName("fk_reconciliation_differences_reconciliation_runs_day").OnDelete(DeleteBehavior.Cascade);
    }
}
