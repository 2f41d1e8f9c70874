namespace Payout.Api.Domain.Money;

/// <summary>
/// Division of non-negative amounts rounded in a named direction, exactly.
/// Decimal division keeps only about 28 significant digits, so a quotient that lies within that precision of a
/// unit boundary could land on the wrong side of it. The result is therefore checked by multiplying back, which
/// is exact for every amount a payout can carry (products well inside 28 digits).
/// </summary>
public static class Division
{
    /// <summary>The largest q with at most <paramref name="scale"/> decimals such that q × divisor ≤ dividend.</summary>
    public static decimal Down(decimal dividend, decimal divisor, int scale)
    {
        CheckOperands(dividend, divisor);
        var unit = Rounding.Unit(scale);
        var quotient = Rounding.Down(dividend / divisor, scale);
        if (quotient * divisor > dividend)
        {
            quotient -= unit;
        }
        else if ((quotient + unit) * divisor <= dividend)
        {
            quotient += unit;
        }

        return Rounding.Normalize(quotient);
    }

    /// <summary>The smallest q with at most <paramref name="scale"/> decimals such that q × divisor ≥ dividend.</summary>
    public static decimal Up(decimal dividend, decimal divisor, int scale)
    {
        CheckOperands(dividend, divisor);
        var unit = Rounding.Unit(scale);
        var quotient = Rounding.Up(dividend / divisor, scale);
        if (quotient * divisor < dividend)
        {
            quotient += unit;
        }
        else if (quotient > 0 && (quotient - unit) * divisor >= dividend)
        {
            quotient -= unit;
        }

        return Rounding.Normalize(quotient);
    }

    private static void CheckOperands(decimal dividend, decimal divisor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dividend);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(divisor);
    }
}
