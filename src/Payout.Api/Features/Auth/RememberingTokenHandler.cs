using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Internal;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Payout.Api.Security;

namespace Payout.Api.Features.Auth;

/// <summary>
/// Validates access tokens like <see cref="JsonWebTokenHandler"/>, and remembers each token it found valid until
/// that token expires, so the next request with the same token is a dictionary lookup instead of a parse, an HMAC
/// and a claims identity. A remembered token is accepted only while it is unexpired on the service clock and
/// the signing key ring is the one it was checked against; revocation is not decided here but after it, on every
/// request (the token generation, <c>AuthSetup</c>). Entries are keyed by the token itself: the entry holds the
/// parsed token (its text included) anyway, and a string key costs a hash and a compare, where a SHA-256 of it cost
/// a native call and a Base64 string on every request.
/// </summary>
public sealed class RememberingTokenHandler : TokenHandler, IDisposable
{
    /// <summary>
    /// At most this many tokens (each entry, the parsed token and its identity, is a few KB: about 20-30 MB when full);
    /// past it, new tokens are validated on every request until older ones expire.
    /// </summary>
    public const int MaxRemembered = 10_000;

    /// <summary>Our tokens are about 400 characters; a longer one is checked without being remembered (and refused).</summary>
    private const int MaxRememberedLength = 2048;

    private readonly JsonWebTokenHandler inner = new() { MapInboundClaims = false };
    private readonly TokenSigningKeys keys;
    private readonly TimeProvider clock;
    private readonly MemoryCache remembered;

    public RememberingTokenHandler(TokenSigningKeys keys, TimeProvider clock)
    {
        this.keys = keys;
        this.clock = clock;
        remembered = new MemoryCache(new MemoryCacheOptions { Clock = new ServiceClock(clock), SizeLimit = MaxRemembered });
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        // Bigger than any token we issue: not worth a hash, and the inner handler refuses it anyway.
        if (token.Length > MaxRememberedLength)
        {
            return await inner.ValidateTokenAsync(token, validationParameters);
        }

        var ring = keys.Ring;
        if (remembered.TryGetValue(token, out Remembered? known) && known!.Ring == ring && clock.GetUtcNow() < known.ExpiresAt)
        {
            return known.Result;
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { ValidTo: var validTo } && validTo > DateTime.MinValue)
        {
            var expiresAt = new DateTimeOffset(DateTime.SpecifyKind(validTo, DateTimeKind.Utc));
            remembered.Set(token, new Remembered(result, ring, expiresAt), new MemoryCacheEntryOptions
            {
                AbsoluteExpiration = expiresAt,
                Size = 1,
            });
        }

        return result;
    }

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    public void Dispose() => remembered.Dispose();

    /// <summary>
    /// The result is shared by the requests that carry this token (the same customer); nothing in the pipeline
    /// changes a principal's claims (no claims transformation is registered).
    /// </summary>
    private sealed record Remembered(TokenValidationResult Result, KeyRing Ring, DateTimeOffset ExpiresAt);

    /// <summary>Expiry follows the service's clock, like every other time rule.</summary>
    private sealed class ServiceClock(TimeProvider clock) : ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
