using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Features.Customers;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Auth;

/// <summary><c>POST /oauth/token</c> (spec §4): the <c>mobile_phone</c> and <c>refresh_token</c> grants.</summary>
public static class IssueToken
{
    public const string MerchantHeader = "X-Merchant-ID";
    private const int MaxFieldLength = 256;

    public sealed record Response(
        [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
        [property: System.Text.Json.Serialization.JsonPropertyName("refresh_token")] string RefreshToken,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
        [property: System.Text.Json.Serialization.JsonPropertyName("scope")] string Scope);

    /// <summary>
    /// The form fields, for the OpenAPI document: the handler reads the form itself (each field once, length-checked).
    /// <c>number</c> and <c>password</c> go with <c>mobile_phone</c>, <c>refresh_token</c> with <c>refresh_token</c>.
    /// </summary>
    public sealed record Form(
        [property: System.Text.Json.Serialization.JsonPropertyName("grant_type")] string GrantType,
        [property: System.Text.Json.Serialization.JsonPropertyName("number")] string? Number = null,
        [property: System.Text.Json.Serialization.JsonPropertyName("password")] string? Password = null,
        [property: System.Text.Json.Serialization.JsonPropertyName("refresh_token")] string? RefreshToken = null);

    public static async Task<IResult> HandleAsync(HttpContext http, SignIn signIn, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return ApiError.Validation("body", "The token request must be form-encoded (application/x-www-form-urlencoded).");
        }

        var form = await http.Request.ReadFormAsync(cancellationToken);
        string? Field(string name) => form[name] is { Count: 1 } values && values[0] is { Length: <= MaxFieldLength } value ? value : null;
        Guid? merchantId = Guid.TryParse(http.Request.Headers[MerchantHeader].ToString(), out var parsed) ? parsed : null;

        var result = Field("grant_type") switch
        {
            "mobile_phone" => await signIn.WithPasswordAsync(merchantId, Field("number"), Field("password"), cancellationToken),
            "refresh_token" => await signIn.WithRefreshTokenAsync(merchantId, Field("refresh_token"), cancellationToken),
            _ => (null, new ApiError(ErrorCode.UNSUPPORTED_GRANT_TYPE, "grant_type must be mobile_phone or refresh_token.", "grant_type")),
        };
        if (result.Tokens is not { } pair)
        {
            return result.Error!;
        }

        // Tokens must never be cached by a proxy or the browser (RFC 6749 §5.1).
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new Response(pair.AccessToken, "bearer", pair.RefreshToken, pair.ExpiresIn, "read write"));
    }
}

/// <summary>The sign-in rules; one identical 401 for a wrong number, password or merchant.</summary>
public sealed class SignIn(
    PayoutDbContext db, SignInThrottle throttle, TokenIssuer tokens, IPasswordHasher<Customer> hasher, CustomerCache customers, TimeProvider clock)
{
    private static readonly ApiError BadCredentials = new(ErrorCode.UNAUTHORIZED, "Wrong number, password or merchant.");

    public async Task<(TokenPair? Tokens, ApiError? Error)> WithPasswordAsync(Guid? merchantId, string? number, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(number) || string.IsNullOrEmpty(password))
        {
            return (null, ApiError.Validation(string.IsNullOrEmpty(number) ? "number" : "password", "number and password are required."));
        }

        if (await throttle.LockedForAsync(number, cancellationToken) is { } lockedFor)
        {
            return (null, new ApiError(ErrorCode.RATE_LIMITED, "Too many failed sign-ins for this number; try again later.")
            {
                RetryAfterSeconds = (int)Math.Ceiling(lockedFor.TotalSeconds),
            });
        }

        var customer = merchantId is null
            ? null
            : await db.Customers.SingleOrDefaultAsync(c => c.MerchantId == merchantId && c.Phone == number, cancellationToken);
        if (!Verify(customer, password))
        {
            await throttle.RecordFailureAsync(number, cancellationToken);
            return (null, BadCredentials);
        }

        var pair = tokens.Issue(customer!);
        await db.SaveChangesAsync(cancellationToken);
        return (pair, null);
    }

    public async Task<(TokenPair? Tokens, ApiError? Error)> WithRefreshTokenAsync(Guid? merchantId, string? refreshToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            return (null, ApiError.Validation("refresh_token", "refresh_token is required."));
        }

        var hash = TokenIssuer.Hash(refreshToken);
        var stored = await db.Set<RefreshToken>().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        var customer = stored is null ? null : await db.Customers.SingleAsync(c => c.Id == stored.CustomerId, cancellationToken);
        var now = clock.GetUtcNow();
        if (stored is null || customer is null || customer.MerchantId != merchantId || stored.RevokedAt is not null || stored.ExpiresAt <= now)
        {
            return (null, BadCredentials);
        }

        // Claim the token with a conditional update: of two racing exchanges exactly one wins.
        var claimed = await db.Set<RefreshToken>()
            .Where(t => t.Id == stored.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            // A used token presented again was stolen or replayed: end every session of the customer.
            await RevokeAllAsync(customer, cancellationToken);
            return (null, BadCredentials);
        }

        var pair = tokens.Issue(customer);
        await db.SaveChangesAsync(cancellationToken);
        return (pair, null);
    }

    /// <summary>Sign-out and reuse detection: refresh tokens revoked, access tokens dead by generation.</summary>
    public async Task RevokeAllAsync(Customer customer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.Set<RefreshToken>()
            .Where(t => t.CustomerId == customer.Id && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
        await db.Customers
            .Where(c => c.Id == customer.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.TokenGeneration, c => c.TokenGeneration + 1), cancellationToken);
        customers.Invalidate(customer.Id);
    }

    /// <summary>An unknown number still costs one hash, so response times do not reveal which numbers exist.</summary>
    private bool Verify(Customer? customer, string password)
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
