namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// Endpoint metadata: an API key header guards the endpoint (the operator API's <c>X-Admin-Key</c>). An endpoint with
/// several accepts any one of them.
/// </summary>
public sealed record ApiKeyRequirement(string SchemeName, string HeaderName)
{
    public static readonly ApiKeyRequirement Admin = new(OpenApiSetup.AdminKeyScheme, "X-Admin-Key");

    /// <summary>A merchant's own key (<c>Merchants:N:ApiKey</c>), for what concerns that merchant only: its events.</summary>
    public static readonly ApiKeyRequirement Merchant = new(OpenApiSetup.MerchantKeyScheme, "X-Merchant-Key");
}
