using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Audit;

/// <summary>
/// One row of the audit trail: append-only, and chained — <see cref="Hash"/> is an HMAC over this row's fields and
/// the previous row's hash, so a row changed, deleted or moved breaks the chain from there on (<see cref="AuditVerifier"/>).
/// <see cref="Sequence"/> is the row's place in the chain: 1, 2, 3, … without gaps, given out under the chain head's lock.
/// </summary>
public sealed class AuditEvent
{
    public const int MaxActorLength = 80;
    public const int MaxSubjectLength = 80;
    public const int MaxDetailsLength = 2000;

    public long Sequence { get; set; }

    /// <summary>Whole microseconds (what PostgreSQL keeps), so the stored instant hashes as it was sealed.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    public AuditEventType Type { get; set; }

    public required string Actor { get; set; }

    public long? CustomerId { get; set; }

    public string? Subject { get; set; }

    /// <summary>A JSON object of short facts, stored as written: the hash covers these exact characters.</summary>
    public required string Details { get; set; }

    /// <summary>The audit-chain key the hash was made with.</summary>
    public required string KeyId { get; set; }

    public required string PreviousHash { get; set; }

    public required string Hash { get; set; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.Actor).HasMaxLength(AuditEvent.MaxActorLength);
        builder.Property(e => e.Subject).HasMaxLength(AuditEvent.MaxSubjectLength);
        builder.Property(e => e.Details).HasMaxLength(AuditEvent.MaxDetailsLength);
        builder.Property(e => e.KeyId).HasMaxLength(16);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.Type, e.OccurredAt });
        builder.HasIndex(e => e.CustomerId);
    }
}
