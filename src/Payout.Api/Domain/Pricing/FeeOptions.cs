using System.Globalization;
using Payout.Api.Domain.Money;

namespace Payout.Api.Domain.Pricing;

/// <summary>
/// Section <c>Fees</c> (spec §6): the figures of the fee schedule. Fractions are shares of the payout amount
/// (0.035 = 3.5 %); <see cref="FixFee"/> is in the target fiat and is converted to the source crypto at the offer's
/// rate. How they become a payout's fees is <see cref="FeeBreakdown"/>'s rule.
/// </summary>
public sealed class FeeOptions : ISelfValidatingOptions
{
    public const string SectionName = "Fees";

    /// <summary>Fixed part of a fee: at most this many decimals, the scale of the fiat it is charged in.</summary>
    private const int FixFeeScale = 2;

    public decimal TransactionFee { get; set; } = 0.035m;

    public decimal FixFee { get; set; } = 2.5m;

    public decimal AdditionalFee { get; set; }

    public decimal PartnerFee { get; set; }

    /// <summary>The network fee, shown as Vault's <c>crypteriumGas</c>.</summary>
    public decimal NetworkFee { get; set; }

    /// <summary>Shown as <c>fees.rate</c> in <c>/data</c>; applied to the market rate, not charged as a line.</summary>
    public decimal Spread { get; set; } = 0.02m;

    /// <summary>The fractions charged on the amount, summed (the spread is not among them).</summary>
    public decimal SumOfFractions => TransactionFee + AdditionalFee + PartnerFee + NetworkFee;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckFraction(errors, nameof(TransactionFee), TransactionFee);
        CheckFraction(errors, nameof(AdditionalFee), AdditionalFee);
        CheckFraction(errors, nameof(PartnerFee), PartnerFee);
        CheckFraction(errors, nameof(NetworkFee), NetworkFee);
        CheckFraction(errors, nameof(Spread), Spread);
        if (FixFee < 0 || !Rounding.FitsScale(FixFee, FixFeeScale))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Fees:FixFee must be at least 0 with at most {FixFeeScale} decimals (is {FixFee})."));
        }

        return errors;
    }

    private static void CheckFraction(List<string> errors, string name, decimal value)
    {
        // A fraction of 1 or more would take the whole amount (or make the spread a zero rate).
        if (value < 0 || value >= 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"Fees:{name} must be a fraction in [0, 1) (is {value})."));
        }
    }
}
