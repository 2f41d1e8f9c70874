using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Infrastructure.Housekeeping;

/// <summary>Claims a <see cref="JobLease"/>: one conditional update, so it holds across processes.</summary>
public sealed class JobLeases(PayoutDbContext db)
{
    /// <returns>True when <paramref name="holder"/> now holds <paramref name="job"/> until <paramref name="until"/>.</returns>
    public async Task<bool> TryClaimAsync(string job, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(job, cancellationToken);
        var claimed = await db.Set<JobLease>()
            .Where(l => l.Name == job && l.LeaseUntil <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.LeaseUntil, until), cancellationToken);
        return claimed == 1;
    }

    /// <summary>The first process to ever run the job creates its row, free; a racing one finds it there.</summary>
    private async Task EnsureExistsAsync(string job, CancellationToken cancellationToken)
    {
        if (await db.Set<JobLease>().AsNoTracking().AnyAsync(l => l.Name == job, cancellationToken))
        {
            return;
        }

        db.Add(new JobLease { Name = job, Holder = "", LeaseUntil = DateTimeOffset.UnixEpoch });
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
            db.ChangeTracker.Clear();
        }
    }
}
