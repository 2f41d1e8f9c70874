namespace Payout.Api.Domain.Money;

/// <summary>
/// Every rounding in PayOut goes through here, so the direction is always named at the call site.
/// The house never loses: amounts the customer receives round down, amounts the customer pays round up.
/// </summary>
public static class Rounding
{
    /// <summary>Rounds towards zero at <paramref name="scale"/> decimals (amounts received, rates).</summary>
    public static decimal Down(decimal value, int scale) =>
        Normalize(Math.Round(value, scale, MidpointRounding.ToZero));

    /// <summary>Rounds away from zero at <paramref name="scale"/> decimals (fees, minimums).</summary>
    public static decimal Up(decimal value, int scale) =>
        Normalize(Math.Round(value, scale, value >= 0 ? MidpointRounding.ToPositiveInfinity : MidpointRounding.ToNegativeInfinity));

    /// <summary>True when <paramref name="value"/> needs no more than <paramref name="scale"/> decimals.</summary>
    public static bool FitsScale(decimal value, int scale) => Down(value, scale) == value;

    /// <summary>The smallest amount at <paramref name="scale"/> decimals: 0.01 for scale 2.</summary>
    public static decimal Unit(int scale) => new(1, 0, 0, false, (byte)scale);

    /// <summary>Drops trailing zeros so 1.50000000 and 1.5 print and compare alike.</summary>
    /// <remarks>
    /// Every amount written to JSON and every named rounding passes here, so the usual case (a mantissa below 2^64, which
    /// every amount a payout carries is) strips zeros with integer arithmetic: the same result as dividing by
    /// 1.0000000000000000000000000000m, which is what the rest (zero, larger mantissas) still does, at a fraction of a
    /// 96-bit decimal division's cost.
    /// </remarks>
    public static decimal Normalize(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var scale = (byte)(bits[3] >> 16);
        var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        if (bits[2] != 0 || mantissa == 0)
        {
            return value / 1.0000000000000000000000000000m;
        }

        if (scale == 0)
        {
            return value;
        }

        while (scale > 0 && mantissa % 10 == 0)
        {
            mantissa /= 10;
            scale--;
        }

        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, bits[3] < 0, scale);
    }
}
