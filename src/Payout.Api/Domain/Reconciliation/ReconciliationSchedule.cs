using Payout.Api.Domain.Reports;

namespace Payout.Api.Domain.Reconciliation;

/// <summary>Which UTC days the background job should have reconciled by now.</summary>
public static class ReconciliationSchedule
{
    /// <summary>
    /// A day is due <paramref name="runAfter"/> after it ends; the answer is the last <paramref name="catchUpDays"/>
    /// due days, oldest first, so days missed while no process ran are caught up.
    /// </summary>
    public static IReadOnlyList<DateOnly> DueDays(DateTimeOffset now, TimeSpan runAfter, int catchUpDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(catchUpDays);
        var latest = UtcDay.Of(now - runAfter).AddDays(-1);
        return [.. Enumerable.Range(0, catchUpDays).Select(back => latest.AddDays(back - catchUpDays + 1))];
    }
}
