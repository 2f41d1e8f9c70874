using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Payout.Api.Features.Customers;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Auth;

/// <summary>Issues short-lived signed access tokens (JWT, HS256, key id in the header) and opaque refresh tokens.</summary>
public sealed class TokenIssuer(PayoutDbContext db, TokenSigningKeys keys, IOptions<AuthOptions> options, TimeProvider clock)
{
    public const string GenerationClaim = "gen";
    public const string MerchantClaim = "mid";

    private static readonly JsonWebTokenHandler TokenHandler = new();

    private readonly AuthOptions settings = options.Value;

    /// <summary>Adds the refresh token to the context; the caller saves it with the rest of its change.</summary>
    public TokenPair Issue(Customer customer)
    {
        var now = clock.GetUtcNow();
        var refresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        db.Add(new RefreshToken
        {
            CustomerId = customer.Id,
            TokenHash = Hash(refresh),
            CreatedAt = now,
            ExpiresAt = now.AddDays(settings.RefreshTokenDays),
        });
        return new TokenPair(CreateAccessToken(customer, now), refresh, settings.AccessTokenSeconds);
    }

    public static string Hash(string refreshToken) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(refreshToken)));

    private string CreateAccessToken(Customer customer, DateTimeOffset now)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddSeconds(settings.AccessTokenSeconds).UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(MerchantClaim, customer.MerchantId.ToString()),
                new Claim(GenerationClaim, customer.TokenGeneration.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
            SigningCredentials = new SigningCredentials(keys.Current, SecurityAlgorithms.HmacSha256),
        };
        return TokenHandler.CreateToken(descriptor);
    }
}
