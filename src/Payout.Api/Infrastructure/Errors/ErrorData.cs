using System.Collections.Frozen;
using System.ComponentModel;
using System.Text.Json.Serialization;
using Payout.Api.Domain.Errors;

namespace Payout.Api.Infrastructure.Errors;

/// <summary>
/// The error body's <c>data</c>: what clears the failure (a <c>Remedy</c>), with only the members that concern the
/// code; <c>{}</c> for codes nothing but a different request clears. The table of which code carries which member is
/// published in the OpenAPI document as <c>x-data-by-code</c>.
/// </summary>
public sealed record ErrorData(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("LIMIT_EXCEEDED: when enough of the rolling window frees for this payout (absent when waiting cannot clear it); NETWORK_FLOAT_LOW: when to try again (also the Retry-After header). UTC.")]
    DateTimeOffset? RetryAfter = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("LIMIT_EXCEEDED: what the KYC limit still allows now, in `currency` (EUR).")]
    decimal? Allowed = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("INSUFFICIENT_FUNDS: how much more the balance needs, in `currency` (the crypto of the offer or of the withdrawal).")]
    decimal? Needed = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("AMOUNT_BELOW_MINIMUM: the minimum amount; AMOUNT_ABOVE_MAXIMUM: the maximum; in `currency` (the offer's crypto).")]
    decimal? Bound = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("The currency of `allowed`, `needed` or `bound`.")]
    string? Currency = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("KYC_LEVEL_TOO_LOW: the level needed.")]
    string? KycLevel = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("OFFER_EXPIRED of an offer whose rate moved out of its slippage band: the customer rate now.")]
    decimal? FreshRate = null)
{
    public static readonly ErrorData None = new();

    /// <summary>Which members each code's <c>data</c> carries (<c>retryAfter</c> of LIMIT_EXCEEDED only when waiting clears it).</summary>
    public static readonly FrozenDictionary<ErrorCode, string[]> MembersByCode = new Dictionary<ErrorCode, string[]>
    {
        [ErrorCode.KYC_LEVEL_TOO_LOW] = ["kycLevel"],
        [ErrorCode.AMOUNT_BELOW_MINIMUM] = ["bound", "currency"],
        [ErrorCode.AMOUNT_ABOVE_MAXIMUM] = ["bound", "currency"],
        [ErrorCode.INSUFFICIENT_FUNDS] = ["needed", "currency"],
        [ErrorCode.LIMIT_EXCEEDED] = ["allowed", "currency", "retryAfter"],
        [ErrorCode.NETWORK_FLOAT_LOW] = ["retryAfter"],
        [ErrorCode.OFFER_EXPIRED] = ["freshRate"],
    }.ToFrozenDictionary();

    public static ErrorData From(Remedy? remedy) => remedy is null
        ? None
        : new ErrorData(remedy.RetryAfter, remedy.Allowed, remedy.Needed, remedy.Bound, remedy.Currency, remedy.KycLevel?.ToString(), remedy.FreshRate);
}
