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

/// <summary>One failed sign-in for a number (whether or not a customer has it), for the lockout window.</summary>
public sealed class SignInFailure
{
    public long Id { get; set; }

    public required string Phone { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.CustomerId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(t => t.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> builder)
    {
        builder.ToTable("sign_in_failures");
        builder.Property(f => f.Phone).HasMaxLength(32);
        builder.HasIndex(f => new { f.Phone, f.At });
    }
}
