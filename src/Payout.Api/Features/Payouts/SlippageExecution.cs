using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payout.Api.Features.Offers;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// An expired offer the slippage band let execute: at which rates, and what it cost the house (<see cref="ExposureEur"/>,
/// summed for the cap and the metric). Written in the execute transaction, so only executes that happened count.
/// </summary>
public sealed class SlippageExecution
{
    public long OfferId { get; set; }

    public decimal LockedRate { get; set; }

    public decimal FreshRate { get; set; }

    public decimal RateUsed { get; set; }

    /// <summary>What the card received beyond what the fresh rate gives, in EUR (0 when the fresh rate was used).</summary>
    public decimal ExposureEur { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class SlippageExecutionConfiguration : IEntityTypeConfiguration<SlippageExecution>
{
    public void Configure(EntityTypeBuilder<SlippageExecution> builder)
    {
        builder.ToTable("slippage_executions");
        builder.HasKey(s => s.OfferId);
        builder.Property(s => s.OfferId).ValueGeneratedNever();
        builder.HasIndex(s => new { s.CreatedAt, s.ExposureEur });
        builder.HasOne<Offer>().WithOne().HasForeignKey<SlippageExecution>(s => s.OfferId)
            .HasConstraintName("fk_slippage_executions_offers_offer_id").OnDelete(DeleteBehavior.Restrict);
    }
}
