using System.Globalization;
using Payout.Api.Domain.Money;

namespace Payout.Api.Domain.Pricing;

/// <summary>
/// Section <c>Slippage</c>: how much the slippage band may cost the house. Its exposure is what payouts executed at a locked
/// rate above the market's paid out beyond the market (<see cref="SlippageBand.ExposureInFiat"/>, in EUR), summed over the
/// last <see cref="ExposureWindowHours"/>; once it would pass <see cref="MaxExposureEur"/>, such executes are refused.
/// </summary>
public sealed class SlippageOptions : ISelfValidatingOptions
{
    public const string SectionName = "Slippage";

    private const int EurScale = 2;

    public decimal MaxExposureEur { get; set; } = 1_000m;

    public int ExposureWindowHours { get; set; } = 24;

    public TimeSpan ExposureWindow => TimeSpan.FromHours(ExposureWindowHours);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxExposureEur < 0 || !Rounding.FitsScale(MaxExposureEur, EurScale))
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{SectionName}:MaxExposureEur must be at least 0 with at most {EurScale} decimals (is {MaxExposureEur})."));
        }

        if (ExposureWindowHours is < 1 or > 24 * 366)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture,
                $"{SectionName}:ExposureWindowHours must be 1 to {24 * 366} (is {ExposureWindowHours})."));
        }

        return errors;
    }
}
