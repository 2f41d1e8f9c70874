using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;

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

    [ProducesError(ErrorCode.VALIDATION, ErrorCode.UNSUPPORTED_GRANT_TYPE, ErrorCode.UNAUTHORIZED, ErrorCode.RATE_LIMITED)]
    public static async Task<IResult> HandleAsync(HttpContext http, SignIn signIn, CancellationToken cancellationToken)
    {
        // RFC 6749 §4.3: form-encoded; multipart is a form too, but not this one.
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type)
            || !type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
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
            _ => new Failure(ErrorCode.UNSUPPORTED_GRANT_TYPE),
        };
        if (!result.IsSuccess)
        {
            return new ApiError(result.Failure);
        }

        var pair = result.Value;
        // Tokens must never be cached by a proxy or the browser (RFC 6749 §5.1).
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new Response(pair.AccessToken, "bearer", pair.RefreshToken, pair.ExpiresIn, "read write"));
    }
}
