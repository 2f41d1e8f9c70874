using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Reconciliation;
using Payout.Api.Domain.Reports;
using Payout.Api.Features.Reports;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Reconciliation;

/// <summary>
/// <c>GET /admin/v1/reconciliation/{date}</c>: the stored result of a day (<c>NOT_RUN</c> when there is none yet);
/// <c>POST</c>: runs it now (again, replacing the result) and answers the same body.
/// </summary>
public static class ReconcileDay
{
    private const string DateDescription = "The UTC day, yyyy-MM-dd, up to today.";

    /// <param name="CheckedAt">When the result was computed; null while <c>NOT_RUN</c>.</param>
    /// <param name="NetworkRows">Rows in the network's settlement file of the day.</param>
    /// <param name="SettledByUs">Our payouts that became SUCCESS during the day.</param>
    public sealed record Response(
        string Date, ReconciliationStatus Status, DateTimeOffset? CheckedAt, int NetworkRows, int SettledByUs, IReadOnlyList<Difference> Differences);

    /// <param name="OperationId">Our payout; null when the network's row names a payout that is not ours.</param>
    /// <param name="NetworkAmount">What the network's file says was paid; null for <c>SETTLED_NOT_PAID</c>.</param>
    /// <param name="OurAmount">The fiat we settled (the payout's <c>amountTo</c>); null for <c>PAID_NOT_SETTLED</c>.</param>
    public sealed record Difference(DifferenceKind Kind, long? OperationId, decimal? NetworkAmount, decimal? OurAmount, string Currency);

    [ProducesError(ErrorCode.VALIDATION)]
    public static async Task<Results<Ok<Response>, ApiError>> GetAsync(
        [Description(DateDescription)] string date, PayoutDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        ReportDate.Parse(date, clock) is { } day
            ? TypedResults.Ok(await ReadAsync(db, day, cancellationToken))
            : ReportDate.Invalid();

    [ProducesError(ErrorCode.VALIDATION, ErrorCode.CONFLICT, ErrorCode.NETWORK_UNAVAILABLE)]
    public static async Task<Results<Ok<Response>, ApiError>> RunAsync(
        [Description(DateDescription)] string date, Reconciler reconciler, PayoutDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ReportDate.Parse(date, clock) is not { } day)
        {
            return ReportDate.Invalid();
        }

        RunOutcome outcome;
        try
        {
            outcome = await reconciler.RunAsync(day, evenIfChecked: true, cancellationToken);
        }
        catch (SettlementFileUnavailableException e)
        {
            return new ApiError(ErrorCode.NETWORK_UNAVAILABLE, e.Message);
        }

        return outcome == RunOutcome.Checked
            ? TypedResults.Ok(await ReadAsync(db, day, cancellationToken))
            : new ApiError(ErrorCode.CONFLICT, "Another process is reconciling this date right now; ask again in a moment.");
    }

    private static async Task<Response> ReadAsync(PayoutDbContext db, DateOnly day, CancellationToken cancellationToken)
    {
        var run = await db.Set<ReconciliationRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Day == day, cancellationToken);
        if (run is null || run.Status == ReconciliationStatus.NOT_RUN)
        {
            return new Response(UtcDay.Text(day), ReconciliationStatus.NOT_RUN, null, 0, 0, []);
        }

        var differences = await db.Set<ReconciliationDifferenceRecord>().AsNoTracking()
            .Where(d => d.Day == day)
            .OrderBy(d => d.Id)
            .ToListAsync(cancellationToken);
        return new Response(UtcDay.Text(day), run.Status, run.CheckedAt, run.NetworkRows, run.SettledByUs,
            [.. differences.Select(d => new Difference(Enum.Parse<DifferenceKind>(d.Kind), d.OperationId, Tidy(d.NetworkAmount), Tidy(d.OurAmount), d.Currency))]);
    }

    /// <summary>PostgreSQL reads numeric(30,8) back with trailing zeros; both databases answer alike.</summary>
    private static decimal? Tidy(decimal? amount) => amount is { } value ? Rounding.Normalize(value) : null;
}
