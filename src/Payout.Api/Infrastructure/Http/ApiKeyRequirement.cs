namespace Payout.Api.Infrastructure.Http;

/// <summary>Endpoint metadata: an API key header guards the endpoint (the operator API's <c>X-Admin-Key</c>).</summary>
public sealed record ApiKeyRequirement(string SchemeName, string HeaderName)
{
    public static readonly ApiKeyRequirement Admin = new(OpenApiSetup.AdminKeyScheme, "X-Admin-Key");
}
