using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Infrastructure.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> of one caller: the request it was first used for (as a hash) and, once the
/// request finished, its answer. The primary key (scope, key) makes "first request wins" a database fact,
/// so it holds across API processes.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary>Whose key: <c>customer:{id}</c> or <c>admin</c>. Keys of different callers never meet.</summary>
    public required string Scope { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of method, path and body: the same key with another request is refused.</summary>
    public required string RequestHash { get; set; }

    /// <summary>Null while the first request is still running.</summary>
    public int? StatusCode { get; set; }

    public string? ResponseBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A running request that holds the key longer than this has died; another may take over.</summary>
    public DateTimeOffset LockedUntil { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_keys");
        builder.HasKey(r => new { r.Scope, r.Key });
        builder.Property(r => r.Scope).HasMaxLength(40);
        builder.Property(r => r.Key).HasMaxLength(255);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.HasIndex(r => r.ExpiresAt);
    }
}
