using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Audit;

/// <summary>
/// The one row that says where the chain ends: the last sequence and its hash. Every append locks it (a row lock on
/// PostgreSQL; SQLite's single writer), so appends from any number of processes form one chain; and since it moves in
/// the same transaction as the row it points to, a deleted last row is caught too.
/// </summary>
public sealed class AuditChainHead
{
    public const int TheId = 1;

    /// <summary>The previous hash of the first row.</summary>
    public static readonly string Genesis = new('0', 64);

    public int Id { get; set; }

    public long LastSequence { get; set; }

    public required string LastHash { get; set; }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.ToTable("audit_chain_head");
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.LastHash).HasMaxLength(64);
        builder.HasData(new AuditChainHead { Id = AuditChainHead.TheId, LastSequence = 0, LastHash = AuditChainHead.Genesis });
    }
}
