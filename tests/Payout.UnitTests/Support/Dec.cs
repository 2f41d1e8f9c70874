using System.Globalization;

namespace Payout.UnitTests.Support;

/// <summary>Decimal literals for [InlineData], which cannot carry decimals directly.</summary>
public static class Dec
{
    public static decimal Parse(string value) => decimal.Parse(value, NumberStyles.Number, CultureInfo.InvariantCulture);
}
