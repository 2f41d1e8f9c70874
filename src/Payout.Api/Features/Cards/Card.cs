using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payout.Api.Domain.Cards;
using Payout.Api.Features.Customers;

namespace Payout.Api.Features.Cards;

/// <summary>
/// A customer's card. The number exists here only as AES-256-GCM ciphertext with its key id, an HMAC
/// fingerprint for duplicate detection and the masked form for display (PCI DSS 3.3–3.5).
/// </summary>
public sealed class Card
{
    public long Id { get; set; }

    public long CustomerId { get; set; }

    public CardBrand Brand { get; set; }

    public required string MaskedPan { get; set; }

    public required string Fingerprint { get; set; }

    /// <summary>The card-fingerprint key <see cref="Fingerprint"/> was made with (rows from before the column: <c>k1</c>).</summary>
    public required string FingerprintKeyId { get; set; }

    public required string EncryptionKeyId { get; set; }

    public required byte[] EncryptedNumber { get; set; }

    public required string HolderName { get; set; }

    public int ExpiryYear { get; set; }

    public int ExpiryMonth { get; set; }

    public CardValidationStatus ValidationStatus { get; set; }

    public BillingAddress? BillingAddress { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Deleted cards leave the customer's list but keep their history (offers, payouts).</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    public string CardType => TypeOf(Brand);

    /// <summary>The brand as the API names it.</summary>
    public static string TypeOf(CardBrand brand) => brand switch
    {
        CardBrand.Visa => "VISA",
        CardBrand.Mastercard => "MASTERCARD",
    };

    /// <summary>What the payout rules need of this card (<see cref="CardStanding.CanReceiveAt"/> and the execute checks).</summary>
    public CardStanding Standing => new(ValidationStatus, ExpiryYear, ExpiryMonth, DeletedAt is not null);
}

internal sealed class CardConfiguration : IEntityTypeConfiguration<Card>
{
    public void Configure(EntityTypeBuilder<Card> builder)
    {
        builder.ToTable("cards");
        builder.Property(c => c.Brand).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ValidationStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.MaskedPan).HasMaxLength(16);
        builder.Property(c => c.Fingerprint).HasMaxLength(64);
        // Before fingerprint keys could be rotated every fingerprint was made with the first key.
        builder.Property(c => c.FingerprintKeyId).HasMaxLength(16).HasDefaultValue("k1");
        builder.Property(c => c.EncryptionKeyId).HasMaxLength(16);
        builder.Property(c => c.EncryptedNumber).HasMaxLength(64);
        builder.Property(c => c.HolderName).HasMaxLength(400);
        builder.Ignore(c => c.CardType);
        builder.Ignore(c => c.Standing);
        builder.OwnsOne(c => c.BillingAddress, address =>
        {
            address.Property(a => a.Address).HasMaxLength(200);
            address.Property(a => a.City).HasMaxLength(100);
            address.Property(a => a.CountryCode).HasMaxLength(2);
            address.Property(a => a.Zip).HasMaxLength(20);
            address.Property(a => a.State).HasMaxLength(100);
        });
        // One row per number per customer: adding it again restores and updates that row (spec §5).
        builder.HasIndex(c => new { c.CustomerId, c.Fingerprint }).IsUnique();
        builder.HasIndex(c => c.EncryptionKeyId);
        builder.HasIndex(c => c.FingerprintKeyId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).HasConstraintName("fk_cards_customers_customer_id").OnDelete(DeleteBehavior.Restrict);
    }
}
