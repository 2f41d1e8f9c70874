using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Payouts;
using Payout.Api.Domain.Reconciliation;
using Payout.Api.Domain.Reports;
using Payout.Api.Features.Payouts;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Reconciliation;

/// <summary>
/// Reconciles one UTC day: takes the day's lease (a conditional update of its row, so one process at a time,
/// in any number of processes), reads the network's settlement files of the day and its neighbours, matches them
/// with our SUCCESS payouts settled around it (<see cref="SettlementMatching"/>), and replaces the day's result in
/// one transaction — only while still holding the lease, so a result is written by one run, whole.
/// </summary>
public sealed class Reconciler(
    PayoutDbContext db, SettlementFileClient files, TimeProvider clock, IOptions<ReconciliationOptions> options, ILogger<Reconciler> logger)
{
    private readonly string owner = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    private DbSet<ReconciliationRun> Runs => db.Set<ReconciliationRun>();

    private DbSet<ReconciliationDifferenceRecord> Differences => db.Set<ReconciliationDifferenceRecord>();

    /// <param name="evenIfChecked">An operator's re-run; the background job runs a day only once.</param>
    /// <exception cref="SettlementFileUnavailableException">The network gave no file; the day is left as it was.</exception>
    public async Task<RunOutcome> RunAsync(DateOnly day, bool evenIfChecked, CancellationToken cancellationToken)
    {
        await EnsureRowAsync(day, cancellationToken);
        if (!await ClaimAsync(day, evenIfChecked, cancellationToken))
        {
            var checkedAlready = await Runs.AnyAsync(r => r.Day == day && r.Status != ReconciliationStatus.NOT_RUN, cancellationToken);
            return checkedAlready && !evenIfChecked ? RunOutcome.AlreadyChecked : RunOutcome.HeldElsewhere;
        }

        try
        {
            var payments = await FetchAroundAsync(day, cancellationToken);
            var settled = await SettledAroundAsync(day, cancellationToken);
            var differences = SettlementMatching.Compare(day, payments, settled);
            var stored = await StoreAsync(
                day, payments.Count(p => p.FileDay == day), settled.Count(p => p.SettledDay == day), differences, cancellationToken);
            return stored ? RunOutcome.Checked : RunOutcome.HeldElsewhere;
        }
        catch
        {
            await ReleaseAsync(day);
            throw;
        }
    }

    /// <summary>The days among <paramref name="days"/> without a result yet.</summary>
    public async Task<IReadOnlyList<DateOnly>> NotCheckedAsync(IReadOnlyList<DateOnly> days, CancellationToken cancellationToken)
    {
        var first = days.Min();
        var last = days.Max();
        var done = await Runs.AsNoTracking()
            .Where(r => r.Day >= first && r.Day <= last && r.Status != ReconciliationStatus.NOT_RUN)
            .Select(r => r.Day)
            .ToListAsync(cancellationToken);
        return [.. days.Except(done).Order()];
    }

    /// <summary>The row the lease lives on; a concurrent creator's row is as good as ours.</summary>
    private async Task EnsureRowAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (await Runs.AnyAsync(r => r.Day == day, cancellationToken))
        {
            return;
        }

        var row = new ReconciliationRun { Day = day, Status = ReconciliationStatus.NOT_RUN };
        Runs.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // Another process created it first.
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    private async Task<bool> ClaimAsync(DateOnly day, bool evenIfChecked, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var until = now.AddSeconds(options.Value.LeaseSeconds);
        var claimed = await Runs
            .Where(r => r.Day == day && (r.LeaseUntil == null || r.LeaseUntil < now) && (evenIfChecked || r.Status == ReconciliationStatus.NOT_RUN))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, owner).SetProperty(r => r.LeaseUntil, until), cancellationToken);
        return claimed == 1;
    }

    private async Task ReleaseAsync(DateOnly day) =>
        await Runs.Where(r => r.Day == day && r.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null));

    /// <summary>The files of the day and of its neighbours; tomorrow's only once it has begun.</summary>
    private async Task<List<NetworkPayment>> FetchAroundAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var today = UtcDay.Of(clock.GetUtcNow());
        var payments = new List<NetworkPayment>();
        foreach (var fileDay in new[] { day.AddDays(-1), day, day.AddDays(1) }.Where(d => d <= today))
        {
            payments.AddRange(await files.FetchAsync(fileDay, cancellationToken));
        }

        return payments;
    }

    /// <summary>Our payouts that became SUCCESS from the day before to the day after; a final payout's last update is its settlement.</summary>
    private async Task<List<SettledPayout>> SettledAroundAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var from = UtcDay.Start(day.AddDays(-1));
        var to = UtcDay.End(day.AddDays(1));
        var rows = await db.Set<PayoutOperation>().AsNoTracking()
            .Where(p => p.Status == PayoutStatus.SUCCESS && p.UpdatedAt >= from && p.UpdatedAt < to)
            .Select(p => new { p.Id, p.AmountTo, p.CurrencyTo, p.UpdatedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(p => new SettledPayout(p.Id, Rounding.Normalize(p.AmountTo), p.CurrencyTo, UtcDay.Of(p.UpdatedAt)))];
    }

    private async Task<bool> StoreAsync(
        DateOnly day, int networkRows, int settledByUs, IReadOnlyList<SettlementDifference> differences, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var status = differences.Count == 0 ? ReconciliationStatus.MATCHED : ReconciliationStatus.DIFFERENCES;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stillOurs = await Runs.Where(r => r.Day == day && r.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.CheckedAt, now)
                .SetProperty(r => r.NetworkRows, networkRows)
                .SetProperty(r => r.SettledByUs, settledByUs)
                .SetProperty(r => r.LeaseOwner, (string?)null)
                .SetProperty(r => r.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        if (stillOurs == 0)
        {
            // The lease ran out and another process took the day: its result stands.
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        await Differences.Where(d => d.Day == day).ExecuteDeleteAsync(cancellationToken);
        Differences.AddRange(differences.Select(d => new ReconciliationDifferenceRecord
        {
            Day = day,
            Kind = d.Kind.ToString(),
            OperationId = d.OperationId,
            NetworkAmount = d.NetworkAmount,
            OurAmount = d.OurAmount,
            Currency = d.Currency,
        }));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();

        if (differences.Count > 0)
        {
            logger.LogWarning("Reconciliation of {Day}: {Count} differences with the network's settlement file", UtcDay.Text(day), differences.Count);
        }
        else
        {
            logger.LogInformation("Reconciliation of {Day}: {Rows} network rows match {Settled} settled payouts", UtcDay.Text(day), networkRows, settledByUs);
        }

        return true;
    }
}
