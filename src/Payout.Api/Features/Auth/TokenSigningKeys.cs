using Microsoft.IdentityModel.Tokens;
using Payout.Api.Security;

namespace Payout.Api.Features.Auth;

/// <summary>
/// The token-signing ring as <see cref="SecurityKey"/> objects, built once per ring rather than per request:
/// a key object caches its id hash and crypto providers, so rebuilding it costs a hash on every validation.
/// A rotation publishes a new ring, and the keys are rebuilt the first time it is seen.
/// </summary>
public sealed class TokenSigningKeys(KeyStore keys)
{
    private Built? built;

    /// <summary>The key new tokens are signed with.</summary>
    public SymmetricSecurityKey Current => Get().Keys[^1];

    /// <summary>The ring in use: a new object after each rotation, so what was checked against the old one can tell.</summary>
    public KeyRing Ring => keys.TokenSigning;

    /// <summary>Every key of the ring with id <paramref name="keyId"/>, or all of them when the token names none.</summary>
    public IEnumerable<SecurityKey> Resolve(string? keyId) =>
        keyId is null ? Get().Keys : Get().Keys.Where(k => k.KeyId == keyId);

    private Built Get()
    {
        var ring = keys.TokenSigning;
        var current = Volatile.Read(ref built);
        if (current?.Ring != ring)
        {
            // Two threads may build at once after a rotation; either result is right.
            current = new Built(ring, [.. ring.All.Select(k => new SymmetricSecurityKey(k.RevealBytes().ToArray()) { KeyId = k.Id })]);
            Volatile.Write(ref built, current);
        }

        return current;
    }

    /// <summary>Keys in the ring's order (oldest first), so the last is the current one.</summary>
    private sealed record Built(KeyRing Ring, SymmetricSecurityKey[] Keys);
}
