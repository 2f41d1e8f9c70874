using System.Buffers.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Security;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// <c>GET /.well-known/jwks.json</c>: the public keys that verify receipts (RFC 7517), every key still in the ring, so a
/// receipt signed before a rotation still verifies. Public members only: the private scalar is never part of it.
/// </summary>
public static class PublishReceiptKeys
{
    public const string Route = "/.well-known/jwks.json";

    /// <summary>Verifiers may keep the set this long; one that meets an unknown <c>kid</c> fetches it again.</summary>
    private const string CacheControl = "public, max-age=60";

    public sealed record Response(IReadOnlyList<PublicKey> Keys);

    /// <summary>One JWK: an EC P-256 public key for ES256 signatures.</summary>
    public sealed record PublicKey(string Kty, string Crv, string X, string Y, string Kid, string Use, string Alg);

    /// <summary>Every public key that can verify a receipt (RFC 7517; EC P-256, ES256), the newest last. No credentials.</summary>
    public static Ok<Response> Handle(HttpContext context, ReceiptKeys keys)
    {
        context.Response.Headers.CacheControl = CacheControl;
        return TypedResults.Ok(new Response([.. keys.Published().Select(key => new PublicKey(
            "EC", "P-256", Base64Url.EncodeToString(key.Point.X), Base64Url.EncodeToString(key.Point.Y), key.KeyId, "sig", "ES256"))]));
    }
}
