using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payout.Api.Features.Customers;

namespace Payout.Api.Features.Auth;

/// <summary>A refresh token, stored only as its SHA-256: a database leak yields no usable token.</summary>
public sealed class RefreshToken
{
    public long Id { get; set; }

    public long CustomerId { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Set when exchanged for a new pair; presenting it again is reuse.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.CustomerId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).HasConstraintName("fk_refresh_tokens_customers_customer_id").OnDelete(DeleteBehavior.Cascade);
    }
}
