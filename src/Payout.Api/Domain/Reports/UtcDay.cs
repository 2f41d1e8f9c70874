using System.Globalization;

namespace Payout.Api.Domain.Reports;

/// <summary>
/// A UTC calendar day, [00:00, 24:00), as reports and reconciliation count them, written <c>yyyy-MM-dd</c>.
/// Days before <see cref="Earliest"/> are refused: no ledger is that old, and a neighbour of a day must exist.
/// </summary>
public static class UtcDay
{
    public const string Format = "yyyy-MM-dd";

    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The first instant after the day: the start of the next one.</summary>
    public static DateTimeOffset End(DateOnly day) => Start(day.AddDays(1));

    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    public static string Text(DateOnly day) => day.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Reads a day written exactly <c>yyyy-MM-dd</c>, from <see cref="Earliest"/> up to <paramref name="today"/>.</summary>
    public static bool TryParse(string? text, DateOnly today, out DateOnly day) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out day)
        && day >= Earliest
        && day <= today;
}
