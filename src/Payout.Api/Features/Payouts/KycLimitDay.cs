using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// What one customer's payouts created on one UTC day hold of the KYC limit: the sum of their <c>amount_to_eur</c>, the
/// not-counted ones left out (<see cref="Domain.Limits.KycLimits.NotCounted"/>). The database keeps it: triggers on
/// <c>payout_operations</c> (migration <c>KycLimitDays</c>) add a payout when it is inserted and take it back when its status
/// moves to or from the not-counted one, in the writer's own statement, so every writer keeps it right. The limit's reads add
/// whole days from here to the one partial day at the window's start read from the payouts themselves
/// (<c>QuoteReads.UsedLimitSql</c>): a quote's cost no longer grows with the customer's history.
/// </summary>
public sealed class KycLimitDay
{
    public long CustomerId { get; set; }

    /// <summary>The payouts' day (<see cref="Domain.Limits.KycLimits.DayOf"/>), as both databases' triggers compute it from <c>created_at</c>.</summary>
    public int EpochDay { get; set; }

    public decimal UsedEur { get; set; }
}

internal sealed class KycLimitDayConfiguration : IEntityTypeConfiguration<KycLimitDay>
{
    public void Configure(EntityTypeBuilder<KycLimitDay> builder)
    {
        builder.ToTable("kyc_limit_days");
        builder.HasKey(d => new { d.CustomerId, d.EpochDay });
    }
}
