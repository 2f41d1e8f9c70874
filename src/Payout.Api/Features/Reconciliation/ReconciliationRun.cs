using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Reconciliation;

public enum ReconciliationStatus
{
    NOT_RUN,
    MATCHED,
    DIFFERENCES,
}

/// <summary>
/// The reconciliation of one UTC day: its result, and the lease of the process running it. One row per day
/// (the primary key), so however many processes try, a day has one result, replaced whole by a re-run.
/// </summary>
public sealed class ReconciliationRun
{
    public DateOnly Day { get; set; }

    public ReconciliationStatus Status { get; set; }

    public DateTimeOffset? CheckedAt { get; set; }

    /// <summary>Rows in the network's settlement file of the day.</summary>
    public int NetworkRows { get; set; }

    /// <summary>Our payouts that became SUCCESS during the day.</summary>
    public int SettledByUs { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseUntil { get; set; }
}

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

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>, IEntityTypeConfiguration<ReconciliationDifferenceRecord>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> builder)
    {
        builder.ToTable("reconciliation_runs");
        builder.HasKey(r => r.Day);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.LeaseOwner).HasMaxLength(80);
    }

    public void Configure(EntityTypeBuilder<ReconciliationDifferenceRecord> builder)
    {
        builder.ToTable("reconciliation_differences");
        builder.Property(d => d.Kind).HasMaxLength(20);
        builder.Property(d => d.Currency).HasMaxLength(10);
        builder.HasOne<ReconciliationRun>().WithMany().HasForeignKey(d => d.Day).HasConstraintName("fk_reconciliation_differences_reconciliation_runs_day").OnDelete(DeleteBehavior.Cascade);
    }
}
