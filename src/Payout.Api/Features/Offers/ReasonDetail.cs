using System.ComponentModel;
using System.Text.Json.Serialization;
using Payout.Api.Domain.Errors;

namespace Payout.Api.Features.Offers;

/// <summary>
/// One entry of an offer's <c>reasonDetails</c>: a code of <c>reasons</c>, a message saying what clears it, and the
/// figures that say it exactly — the same members the error body's <c>data</c> carries when execute refuses for it.
/// Members that do not concern the code are left out.
/// </summary>
public sealed record ReasonDetail(
    [property: Description("The code, as in `reasons`.")] string Code,
    [property: Description("What clears it, for people.")] string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("LIMIT_EXCEEDED: when enough of the rolling window frees for this payout (absent when waiting cannot clear it); NETWORK_FLOAT_LOW: when to try again. UTC.")]
    DateTimeOffset? RetryAfter,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("LIMIT_EXCEEDED: what the KYC limit still allows now, in `currency` (EUR).")]
    decimal? Allowed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("INSUFFICIENT_FUNDS: how much more the balance needs, in `currency`.")]
    decimal? Needed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("AMOUNT_BELOW_MINIMUM: the minimum amount; AMOUNT_ABOVE_MAXIMUM: the maximum; in `currency` (the offer's crypto).")]
    decimal? Bound,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("The currency of `allowed`, `needed` or `bound`.")]
    string? Currency,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [property: Description("KYC_LEVEL_TOO_LOW: the level needed.")]
    string? KycLevel)
{
    public static ReasonDetail From(Failure failure)
    {
        var remedy = failure.Remedy;
        return new ReasonDetail(
            failure.Code.ToString(), failure.Message, remedy?.RetryAfter, remedy?.Allowed, remedy?.Needed, remedy?.Bound, remedy?.Currency,
            remedy?.KycLevel?.ToString());
    }
}
