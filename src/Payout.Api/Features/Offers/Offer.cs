using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payout.Api.Domain.Pricing;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Customers;

namespace Payout.Api.Features.Offers;

/// <summary>
/// A quote with its rate locked until <see cref="ExpiresAt"/>. Every figure is stored as quoted, so
/// executing it (or answering it again) never depends on today's rates or fee settings.
/// </summary>
public sealed class Offer
{
    public long Id { get; set; }

    public long CustomerId { get; set; }

    public long CardId { get; set; }

    public decimal Amount { get; set; }

    public required string CurrencyFrom { get; set; }

    public required string CurrencyTo { get; set; }

    /// <summary>The customer's rate: fiat per one unit of crypto, after the spread.</summary>
    public decimal Rate { get; set; }

    public decimal AmountTo { get; set; }

    /// <summary><see cref="AmountTo"/> as counted against the KYC limit, in EUR.</summary>
    public decimal AmountToEur { get; set; }

    /// <summary>The columns of <see cref="Fees"/>, one per fee line.</summary>
    public decimal TransactionFee { get; set; }

    public decimal NetworkFee { get; set; }

    public decimal AdditionalFee { get; set; }

    public decimal PartnerFee { get; set; }

    /// <summary>The pair's bounds in crypto at <see cref="Rate"/>, as quoted.</summary>
    public decimal MinAmountFrom { get; set; }

    public decimal MaxAmountFrom { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>
    /// How far the rate may move, as a fraction of <see cref="Rate"/>, for the offer to execute after it expired (the
    /// slippage band, <c>SlippageBand</c>); 0, the default, is no band.
    /// </summary>
    public decimal MaxSlippage { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set once, in the transaction that debits the customer.</summary>
    public long? OperationId { get; set; }

    /// <summary>The fees as quoted (the rule is <see cref="FeeBreakdown"/>'s; these are its stored figures).</summary>
    public FeeBreakdown Fees => new(TransactionFee, NetworkFee, AdditionalFee, PartnerFee);

    /// <summary>Amount + fees: what execute debits.</summary>
    public decimal TotalDebited => Amount + Fees.Total;

    public bool IsExecuted => OperationId is not null;

    public bool IsExpiredAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Locks a quote into the offer (new or re-quoted) and starts a new validity period.</summary>
    public void Lock(PricedOffer priced, CryptoBounds bounds, decimal amountToEur, DateTimeOffset now, TimeSpan validity)
    {
        Amount = priced.Amount;
        CurrencyFrom = priced.From.Code;
        CurrencyTo = priced.To.Code;
        Rate = priced.Rate;
        AmountTo = priced.AmountTo;
        AmountToEur = amountToEur;
        (TransactionFee, NetworkFee, AdditionalFee, PartnerFee) = priced.Fees;
        MinAmountFrom = bounds.MinAmountFrom;
        MaxAmountFrom = bounds.MaxAmountFrom;
        ExpiresAt = now + validity;
        UpdatedAt = now;
    }

    /// <summary>
    /// Prices the same amount at another rate (the slippage band's rate used) without a new validity: every figure that
    /// depends on the rate — amountTo, fees, the limit's EUR, the bounds — moves together, and execute copies them.
    /// </summary>
    public void Reprice(PricedOffer priced, CryptoBounds bounds, decimal amountToEur, DateTimeOffset now)
    {
        Rate = priced.Rate;
        AmountTo = priced.AmountTo;
        AmountToEur = amountToEur;
        (TransactionFee, NetworkFee, AdditionalFee, PartnerFee) = priced.Fees;
        MinAmountFrom = bounds.MinAmountFrom;
        MaxAmountFrom = bounds.MaxAmountFrom;
        UpdatedAt = now;
    }
}

internal sealed class OfferConfiguration : IEntityTypeConfiguration<Offer>
{
    public void Configure(EntityTypeBuilder<Offer> builder)
    {
        builder.ToTable("offers");
        builder.Property(o => o.CurrencyFrom).HasMaxLength(10);
        builder.Property(o => o.CurrencyTo).HasMaxLength(10);
        builder.Ignore(o => o.Fees);
        builder.Ignore(o => o.TotalDebited);
        builder.Ignore(o => o.IsExecuted);
        builder.HasIndex(o => o.CustomerId);
        builder.HasOne<Customer>().WithMany().HasForeignKey(o => o.CustomerId).HasConstraintName("fk_offers_customers_customer_id").OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Card>().WithMany().HasForeignKey(o => o.CardId).HasConstraintName("fk_offers_cards_card_id").OnDelete(DeleteBehavior.Restrict);
    }
}
