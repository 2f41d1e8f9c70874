using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Infrastructure.Housekeeping;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Auth;

/// <summary>Sign-in failures older than the lockout window: <see cref="SignInThrottle"/> no longer counts them.</summary>
public sealed class OldSignInFailures(PayoutDbContext db, IOptions<AuthOptions> options) : IHousekeepingPurge
{
    public string Name => "sign-in failures past the lockout window";

    /// <summary>The oldest first, through the index on <c>at</c>; a failure exactly at the window's start is kept (the throttle counts after it).</summary>
    public Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        var windowStart = now - TimeSpan.FromMinutes(options.Value.LockoutMinutes);
        return db.Set<SignInFailure>()
            .Where(f => f.At < windowStart)
            .OrderBy(f => f.At)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
