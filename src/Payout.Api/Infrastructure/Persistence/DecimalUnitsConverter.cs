using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Payout.Api.Domain.Money;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// decimal ↔ whole units of 10^-8 in an int64. The spec caps amounts at 10^9, so 10^9 × 10^8 fits with room
/// for sums. A value finer than 10^-8 is a bug upstream, so it throws instead of silently rounding.
/// </summary>
public sealed class DecimalUnitsConverter() : ValueConverter<decimal, long>(
    value => ToUnits(value),
    units => FromUnits(units))
{
    private const decimal UnitsPerWhole = 100_000_000m;

    public static decimal FromUnits(long units) => Rounding.Normalize(units / UnitsPerWhole);

    private static long ToUnits(decimal value)
    {
        var units = value * UnitsPerWhole;
        return decimal.Truncate(units) == units
            ? (long)units
            : throw new InvalidOperationException("An amount finer than 10^-8 cannot be stored.");
    }
}
