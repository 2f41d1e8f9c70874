using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Customers;
using Payout.Api.Domain.Errors;
using Payout.Api.Features.Audit;
using Payout.Api.Features.Customers;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Auth;

/// <summary>The sign-in rules; one identical 401 for a wrong number, password or merchant.</summary>
public sealed class SignIn(
    PayoutDbContext db, CustomerRegistry customers, SignInThrottle throttle, TokenIssuer tokens, IPasswordHasher<Customer> hasher,
    AuditTrail audit, TimeProvider clock)
{
    /// <summary>Why every token of a customer was revoked (the audit row's <c>reason</c>).</summary>
    public const string SignedOut = "SIGN_OUT";

    public const string RefreshTokenReused = "REFRESH_TOKEN_REUSED";

    private static readonly Failure BadCredentials = new(ErrorCode.UNAUTHORIZED, "Wrong number, password or merchant.");

    public async Task<Result<TokenPair>> WithPasswordAsync(Guid? merchantId, string? number, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(number) || string.IsNullOrEmpty(password))
        {
            return Failure.Validation(string.IsNullOrEmpty(number) ? "number" : "password", "number and password are required.");
        }

        // A number that cannot be a phone is nobody's: the same answer as a wrong password, and no failure to count or store.
        if (!CustomerRules.IsValidPhone(number))
        {
            return BadCredentials;
        }

        if (await throttle.LockedForAsync(number, cancellationToken) is { } lockedFor)
        {
            return new Failure(ErrorCode.RATE_LIMITED, "Too many failed sign-ins for this number; try again later.")
            {
                RetryAfterSeconds = (int)Math.Ceiling(lockedFor.TotalSeconds),
            };
        }

        var customer = merchantId is { } merchant ? await customers.FindByPhoneAsync(merchant, number, cancellationToken) : null;
        if (!Verify(customer, password))
        {
            await throttle.RecordFailureAsync(number, customer?.Id, cancellationToken);
            return BadCredentials;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var pair = tokens.Issue(customer);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(new AuditEntry(AuditEventType.SIGN_IN, customer.Id)
        {
            Actor = ActorOf(customer.Id),
            Details = new Dictionary<string, string?> { ["grant"] = "mobile_phone", ["merchantId"] = customer.MerchantId.ToString() },
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pair;
    }

    /// <summary>How audit rows name a customer acting.</summary>
    public static string ActorOf(long customerId) => "customer:" + customerId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<Result<TokenPair>> WithRefreshTokenAsync(Guid? merchantId, string? refreshToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            return Failure.Validation("refresh_token", "refresh_token is required.");
        }

        var hash = TokenIssuer.Hash(refreshToken);
        var stored = await RefreshTokens.SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var customer = stored is null ? null : await customers.FindAsync(stored.CustomerId, cancellationToken);
        var now = clock.GetUtcNow();
        if (stored is null || customer is null || customer.MerchantId != merchantId || stored.RevokedAt is not null || stored.ExpiresAt <= now)
        {
            return BadCredentials;
        }

        // Claim the token with a conditional update: of two racing exchanges exactly one wins.
        var claimed = await RefreshTokens
            .Where(t => t.Id == stored.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            // A used token presented again was stolen or replayed: end every session of the customer.
            await RevokeAllAsync(customer.Id, RefreshTokenReused, cancellationToken);
            return BadCredentials;
        }

        var pair = tokens.Issue(customer);
        await db.SaveChangesAsync(cancellationToken);
        return pair;
    }

    /// <summary>Sign-out and reuse detection: refresh tokens revoked, access tokens dead by generation — and audited, together.</summary>
    /// <param name="reason"><see cref="SignedOut"/> or <see cref="RefreshTokenReused"/>.</param>
    public async Task RevokeAllAsync(long customerId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RefreshTokens
            .Where(t => t.CustomerId == customerId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        await customers.BumpTokenGenerationAsync(customerId, cancellationToken);
        await audit.AppendAsync(new AuditEntry(AuditEventType.TOKENS_REVOKED, customerId)
        {
            Actor = reason == SignedOut ? ActorOf(customerId) : AuditActor.System,
            Details = new Dictionary<string, string?> { ["reason"] = reason },
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private DbSet<RefreshToken> RefreshTokens => db.Set<RefreshToken>();

    /// <summary>An unknown number still costs one hash, so response times do not reveal which numbers exist.</summary>
    private bool Verify([NotNullWhen(true)] Customer? customer, string password)
    {
        var subject = customer ?? TimingDecoy.Customer;
        var result = hasher.VerifyHashedPassword(subject, customer?.PasswordHash ?? TimingDecoy.Hash(hasher), password);
        return customer is not null && result != PasswordVerificationResult.Failed;
    }

    private static class TimingDecoy
    {
        public static readonly Customer Customer = new() { Phone = "", PasswordHash = "" };
        private static string? hash;

        public static string Hash(IPasswordHasher<Customer> hasher) =>
            hash ??= hasher.HashPassword(Customer, Guid.NewGuid().ToString());
    }
}
