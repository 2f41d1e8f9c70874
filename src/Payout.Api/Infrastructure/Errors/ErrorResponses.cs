namespace Payout.Api.Infrastructure.Errors;

/// <summary>
/// Names an error a handler can answer beyond what <see cref="ApiError"/> infers for every handler (400, and 404
/// when the route has parameters), so the OpenAPI document lists it: <c>[ProducesError(ErrorCode.RATE_UNAVAILABLE)]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ProducesErrorAttribute(ErrorCode code) : Attribute
{
    public ErrorCode Code { get; } = code;
}

/// <summary>Response metadata for error answers: the <see cref="ErrorBody"/> schema under each status.</summary>
public static class ErrorResponses
{
    private static readonly string[] Json = ["application/json"];

    public static ProducesResponseTypeMetadata For(int status) =>
        new(status, typeof(ErrorBody), Json) { Description = Describe(status) };

    /// <summary>For gates applied to a route group or endpoint (e.g. the KYC gate's 403).</summary>
    public static TBuilder ProducesError<TBuilder>(this TBuilder builder, int status) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(For(status));

    /// <summary>What each status means in this API; the stable codes themselves are in <see cref="ErrorCode"/>.</summary>
    public static string Describe(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Invalid request: `VALIDATION` (with `field`), `SDK_VERSION_*`, or a business rule.",
        StatusCodes.Status401Unauthorized => "Missing, invalid, expired or revoked credentials (`UNAUTHORIZED`).",
        StatusCodes.Status403Forbidden => "The customer's KYC level is too low (`KYC_LEVEL_TOO_LOW`).",
        StatusCodes.Status404NotFound => "Not found, or not the caller's: the same answer either way.",
        StatusCodes.Status409Conflict => "Conflicts with what is stored (`CONFLICT`).",
        StatusCodes.Status429TooManyRequests => "Too many requests (`RATE_LIMITED`); retry after `Retry-After` seconds.",
        StatusCodes.Status503ServiceUnavailable => "Not possible right now (`RATE_UNAVAILABLE`, `NETWORK_FLOAT_LOW`, `NETWORK_UNAVAILABLE`); try again shortly.",
        _ => "Error (see `error` for the code).",
    };
}
