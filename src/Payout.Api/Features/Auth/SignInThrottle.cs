using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Auth;

/// <summary>
/// The lockout of spec §4: after N failures for one number within the window, attempts are refused until
/// the oldest of those failures leaves the window. Counted in the database, so it holds across processes,
/// and by number alone, so an unknown number behaves exactly like a known one.
/// </summary>
public sealed class SignInThrottle(PayoutDbContext db, IOptions<AuthOptions> options, TimeProvider clock)
{
    private readonly AuthOptions settings = options.Value;

    /// <returns>How long the number stays locked, or null when it may try.</returns>
    public async Task<TimeSpan?> LockedForAsync(string phone, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var window = TimeSpan.FromMinutes(settings.LockoutMinutes);
        var since = now - window;
        var recent = await db.Set<SignInFailure>()
            .Where(f => f.Phone == phone && f.At > since)
            .OrderByDescending(f => f.At)
            .Select(f => f.At)
            .Take(settings.MaxFailedSignIns)
            .ToListAsync(cancellationToken);
        if (recent.Count < settings.MaxFailedSignIns)
        {
            return null;
        }

        return recent[^1] + window - now;
    }

    public async Task RecordFailureAsync(string phone, CancellationToken cancellationToken)
    {
        db.Add(new SignInFailure { Phone = phone, At = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
    }
}
