using System.Text.Json.Serialization;

namespace Payout.Client.Internal;

/// <summary>The answer of <c>POST /oauth/token</c> (OAuth's snake_case names).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("scope")] string? Scope);

internal sealed record CustomerList(IReadOnlyList<CustomerInfo> Items);

internal sealed record KycChange(string KycLevel);

internal sealed record Deposit(string Currency, decimal Amount, string? Reference);

/// <summary>The members of a receipt's JWS header that verification reads.</summary>
internal sealed record ReceiptHeader(string? Alg, string? Kid);
