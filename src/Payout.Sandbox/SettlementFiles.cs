using System.Collections.Concurrent;
using System.Globalization;

namespace Payout.Sandbox;

/// <summary>One payment in a day's settlement file: what the network paid to a card.</summary>
internal sealed record SettlementRow(string PayoutId, decimal Amount, string Currency, DateTimeOffset PaidAt);

/// <summary>The body of <c>GET /v1/settlements/{date}</c>.</summary>
internal sealed record SettlementFileResponse(string Date, IReadOnlyList<SettlementRow> Rows);

/// <summary>How an operator (a test) changes a day's file, to plant a difference the payer's reconciliation must find.</summary>
internal enum SettlementAdjustmentKind
{
    /// <summary>A payment the network never made appears in the file.</summary>
    ExtraRow,

    /// <summary>A payment the network made is left out of the file.</summary>
    DropRow,

    /// <summary>A payment shows another amount than the one paid.</summary>
    ChangeAmount,
}

/// <summary>A planted change to one day's file.</summary>
internal sealed record SettlementAdjustment(SettlementAdjustmentKind Kind, string PayoutId, decimal? Amount, string? Currency);

/// <summary>
/// The settlement file of a UTC day: every payout PAID during that day (its final update is the payment, since
/// PAID is final), oldest first, with the adjustments planted for that day applied on top. A day that has not
/// ended lists what was paid so far; a day in the future is empty.
/// </summary>
internal sealed class SettlementFiles(PayoutStore store)
{
    public const string DateFormat = "yyyy-MM-dd";

    private readonly ConcurrentDictionary<DateOnly, ImmutableAdjustments> adjustments = new();

    public static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public SettlementFileResponse For(DateOnly date)
    {
        var from = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = from.AddDays(1);
        var paid = store.All()
            .Select(e => e.Payout)
            .Where(p => p.Status == PayoutStatus.Paid && p.UpdatedAt >= from && p.UpdatedAt < to)
            .OrderBy(p => p.UpdatedAt).ThenBy(p => p.PayoutId, StringComparer.Ordinal)
            .Select(p => new SettlementRow(p.PayoutId, p.Amount, p.Currency, p.UpdatedAt));
        var rows = adjustments.TryGetValue(date, out var planted) ? planted.ApplyTo(paid, from.AddHours(12)) : paid.ToList();
        return new SettlementFileResponse(date.ToString(DateFormat, CultureInfo.InvariantCulture), rows);
    }

    public void Plant(DateOnly date, SettlementAdjustment adjustment) =>
        adjustments.AddOrUpdate(date, _ => new ImmutableAdjustments([adjustment]), (_, list) => list.With(adjustment));

    public void Clear(DateOnly date) => adjustments.TryRemove(date, out _);

    /// <summary>Swapped whole, so a reader never sees half a list.</summary>
    private sealed record ImmutableAdjustments(IReadOnlyList<SettlementAdjustment> Items)
    {
        public ImmutableAdjustments With(SettlementAdjustment adjustment) => new([.. Items, adjustment]);

        public List<SettlementRow> ApplyTo(IEnumerable<SettlementRow> paid, DateTimeOffset extraRowsPaidAt)
        {
            var rows = paid.ToList();
            foreach (var adjustment in Items)
            {
                switch (adjustment.Kind)
                {
                    case SettlementAdjustmentKind.ExtraRow:
                        rows.Add(new SettlementRow(adjustment.PayoutId, adjustment.Amount!.Value, adjustment.Currency!, extraRowsPaidAt));
                        break;
                    case SettlementAdjustmentKind.DropRow:
                        rows.RemoveAll(r => r.PayoutId == adjustment.PayoutId);
                        break;
                    case SettlementAdjustmentKind.ChangeAmount:
                        rows = [.. rows.Select(r => r.PayoutId == adjustment.PayoutId ? r with { Amount = adjustment.Amount!.Value } : r)];
                        break;
                }
            }

            return [.. rows.OrderBy(r => r.PaidAt).ThenBy(r => r.PayoutId, StringComparer.Ordinal)];
        }
    }
}
