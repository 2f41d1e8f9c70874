using Payout.Api.Domain.Money;

namespace Payout.Api.Domain.Pricing;

/// <summary>
/// The fees of one payout, in the source crypto — the one home of the fee rule (spec §6–§8, §10). Each fee is
/// computed as one exact figure and rounded up once to the crypto's scale; <see cref="Lines"/> decides which are
/// shown; <see cref="Total"/> is what the customer pays on top of the amount; <see cref="PartnerShare"/> goes to
/// partner revenue and <see cref="HouseShare"/> to ours. The offer stores it, its answer lists it, execute debits
/// it and settlement books it — all from this type.
/// </summary>
/// <param name="Transaction">amount × transactionFee + fixFee ÷ rate (the fix fee is in the target fiat).</param>
/// <param name="Network">amount × networkFee (Vault's <c>crypteriumGas</c>).</param>
/// <param name="Additional">amount × additionalFee.</param>
/// <param name="Partner">amount × partnerFee: the partner's share.</param>
public sealed record FeeBreakdown(decimal Transaction, decimal Network, decimal Additional, decimal Partner)
{
    /// <summary>The fees of <paramref name="amount"/> of <paramref name="from"/> at the customer's rate.</summary>
    public static FeeBreakdown Charge(decimal amount, Currency from, decimal customerRate, FeeOptions fees)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(customerRate);
        return new FeeBreakdown(
            // One exact figure rounded up once, not two separately rounded parts.
            Division.Up((amount * fees.TransactionFee * customerRate) + fees.FixFee, customerRate, from.Scale),
            Rounding.Up(amount * fees.NetworkFee, from.Scale),
            Rounding.Up(amount * fees.AdditionalFee, from.Scale),
            Rounding.Up(amount * fees.PartnerFee, from.Scale));
    }

    /// <summary>All fees together: the execute answer's <c>fee</c>.</summary>
    public decimal Total => Transaction + Network + Additional + Partner;

    /// <summary>Credited to partner revenue when the payout settles.</summary>
    public decimal PartnerShare => Partner;

    /// <summary>Credited to our fee revenue when the payout settles.</summary>
    public decimal HouseShare => Total - PartnerShare;

    /// <summary>
    /// <c>feeInfo</c> (spec §7, as in Vault's example): the transaction fee, the network fee and the additional fee are
    /// always listed, in that order and even at 0, because Vault's apps read them by position; the partner's fee only
    /// when it is not zero.
    /// </summary>
    public IReadOnlyList<FeeLine> Lines
    {
        get
        {
            var lines = new List<FeeLine>(4)
            {
                new(FeeTypes.TransactionFee, FeeTypes.TransactionFeeName, Transaction),
                new(FeeTypes.NetworkFee, FeeTypes.NetworkFeeName, Network),
                new(FeeTypes.AdditionalFee, FeeTypes.AdditionalFeeName, Additional),
            };
            if (Partner != 0)
            {
                lines.Add(new FeeLine(FeeTypes.PartnerFee, FeeTypes.PartnerFeeName, Partner));
            }

            return lines;
        }
    }
}
