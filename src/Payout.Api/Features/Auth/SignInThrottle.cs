using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Features.Audit;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Auth;

/// <summary>
/// The lockout of spec §4: after N failures for one number within the window, attempts are refused until
/// the oldest of those failures leaves the window. Counted in the database, so it holds across processes,
/// and by number alone, so an unknown number behaves exactly like a known one.
/// </summary>
public sealed class SignInThrottle(PayoutDbContext db, AuditTrail audit, IOptions<AuthOptions> options, TimeProvider clock)
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

    /// <summary>
    /// Counts the failure and audits it, in one transaction — and when it is the one that locks the number, audits the
    /// lockout too. The number is masked in the trail: someone may have typed a password into it.
    /// </summary>
    /// <param name="customerId">The customer the number belongs to at the merchant, when it does.</param>
    public async Task RecordFailureAsync(string phone, long? customerId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(new SignInFailure { Phone = phone, At = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        var lockedNow = await LockedForAsync(phone, cancellationToken) is not null;
        var details = new Dictionary<string, string?> { ["number"] = MaskedNumber(phone) };
        var actor = customerId is { } id ? SignIn.ActorOf(id) : "anonymous";
        await audit.AppendAsync(new AuditEntry(AuditEventType.SIGN_IN_FAILED, customerId) { Actor = actor, Details = details }, cancellationToken);
        if (lockedNow)
        {
            details["lockedForMinutes"] = settings.LockoutMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await audit.AppendAsync(new AuditEntry(AuditEventType.SIGN_IN_LOCKED, customerId) { Actor = actor, Details = details }, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The first four and the last two characters (<c>+447*******99</c>): enough to tell numbers apart, too little to reuse.</summary>
    public static string MaskedNumber(string phone) =>
        phone.Length <= 6 ? new string('*', phone.Length) : phone[..4] + new string('*', phone.Length - 6) + phone[^2..];
}
