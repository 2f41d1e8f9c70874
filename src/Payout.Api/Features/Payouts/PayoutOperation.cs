using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payout.Api.Domain.Payouts;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Customers;
using Payout.Api.Features.Offers;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// One executed offer: the payout to the card. Its unique <see cref="OfferId"/> is what makes "an offer is
/// executed at most once" a fact of the database, whatever the number of processes.
/// </summary>
public sealed class PayoutOperation
{
    public long Id { get; set; }

    public long OfferId { get; set; }

    public long CustomerId { get; set; }

    public long CardId { get; set; }

    public PayoutStatus Status { get; set; }

    public decimal AmountFrom { get; set; }

    public required string CurrencyFrom { get; set; }

    public decimal AmountTo { get; set; }

    public required string CurrencyTo { get; set; }

    public decimal Rate { get; set; }

    /// <summary>All fees together, partner's share included (the answer's <c>fee</c>), as the offer quoted them.</summary>
    public decimal Fee { get; set; }

    /// <summary>The partner's share of <see cref="Fee"/>, kept for reports; settlement books the offer's breakdown.</summary>
    public decimal PartnerFee { get; set; }

    public decimal TotalDebited { get; set; }

    /// <summary>What the payout holds of the customer's KYC limit while PENDING or SUCCESS.</summary>
    public decimal AmountToEur { get; set; }

    public required string MaskedPan { get; set; }

    public string? FailureReason { get; set; }

    /// <summary>
    /// The shard of the house accounts this payout's debit used; settlement and refund use the same shard,
    /// so its in-flight rows return to zero, whatever the shard count is by then.
    /// </summary>
    public int LedgerShard { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// An instant as the database gives it back (PostgreSQL keeps microseconds), for a payout held in memory that must
    /// read the same as one read from its row.
    /// </summary>
    public static DateTimeOffset Stored(DateTimeOffset at) => at.AddTicks(-(at.Ticks % 10));

    /// <summary>A copy moved to its final status, as the settlement's conditional update just stored it.</summary>
    public PayoutOperation Finished(PayoutStatus status, string? failureReason, DateTimeOffset at)
    {
        var copy = (PayoutOperation)MemberwiseClone();
        copy.Status = status;
        copy.FailureReason = failureReason;
        copy.UpdatedAt = at;
        return copy;
    }
}

internal sealed class PayoutOperationConfiguration : IEntityTypeConfiguration<PayoutOperation>
{
    public void Configure(EntityTypeBuilder<PayoutOperation> builder)
    {
        builder.ToTable("payout_operations");
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.CurrencyFrom).HasMaxLength(10);
        builder.Property(p => p.CurrencyTo).HasMaxLength(10);
        builder.Property(p => p.MaskedPan).HasMaxLength(16);
        builder.Property(p => p.FailureReason).HasMaxLength(100);
        builder.HasIndex(p => p.OfferId).IsUnique();
        builder.HasIndex(p => new { p.CustomerId, p.CreatedAt });
        // Lookups by status (stuck payouts, the operators' list) use (status, updated_at) of ReportIndexes: a second index
        // on status alone was one more entry at each insert and each status change.
        builder.HasOne<Offer>().WithMany().HasForeignKey(p => p.OfferId).HasConstraintName("fk_payout_operations_offers_offer_id").OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Customer>().WithMany().HasForeignKey(p => p.CustomerId).HasConstraintName("fk_payout_operations_customers_customer_id").OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Card>().WithMany().HasForeignKey(p => p.CardId).HasConstraintName("fk_payout_operations_cards_card_id").OnDelete(DeleteBehavior.Restrict);
    }
}
