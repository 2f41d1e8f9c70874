using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payout.Api.Domain;

namespace Payout.Api.Features.Customers;

public sealed class Customer
{
    public long Id { get; set; }

    public Guid MerchantId { get; set; }

    /// <summary>E.164, e.g. +447871239999; unique per merchant.</summary>
    public required string Phone { get; set; }

    /// <summary>A slow salted hash (ASP.NET Core Identity's PBKDF2 format); never the password.</summary>
    public required string PasswordHash { get; set; }

    public KycLevel KycLevel { get; set; }

    /// <summary>
    /// Access tokens carry the generation they were issued under; bumping it (sign-out, a reused refresh
    /// token) revokes every access token of the customer at once, in every process.
    /// </summary>
    public int TokenGeneration { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("customers");
        builder.Property(c => c.Phone).HasMaxLength(16);
        builder.Property(c => c.PasswordHash).HasMaxLength(200);
        builder.Property(c => c.KycLevel).HasConversion<string>().HasMaxLength(8);
        builder.HasIndex(c => new { c.MerchantId, c.Phone }).IsUnique();
    }
}
