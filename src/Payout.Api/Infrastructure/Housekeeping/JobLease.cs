using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Infrastructure.Housekeeping;

/// <summary>
/// Who runs a background job that only one process at a time should run, until when. A process claims the row with a
/// conditional update (free, or run out), so of N processes polling at once exactly one wins; one that dies loses it
/// when <see cref="LeaseUntil"/> passes.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; set; }

    public required string Holder { get; set; }

    public DateTimeOffset LeaseUntil { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("job_leases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(64);
        builder.Property(l => l.Holder).HasMaxLength(64);
    }
}
