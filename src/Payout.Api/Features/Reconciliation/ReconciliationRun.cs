using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Reconciliation;

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

internal sealed class ReconciliationRunConfiguration : IEntityTypeConfiguration<ReconciliationRun>
{
    public void Configure(EntityTypeBuilder<ReconciliationRun> builder)
    {
        builder.ToTable("reconciliation_runs");
        builder.HasKey(r => r.Day);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(r => r.LeaseOwner).HasMaxLength(80);
    }
}
