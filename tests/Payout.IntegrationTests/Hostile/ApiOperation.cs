namespace Payout.IntegrationTests.Hostile;

/// <summary>One operation of the OpenAPI document, as the hostile suite needs it.</summary>
public sealed record ApiOperation(
    string Method,
    string Path,
    IReadOnlyList<ApiParameter> Parameters,
    ApiBody? Body,
    ApiSecurity Security)
{
    public string Name => Security == ApiSecurity.ConsoleSession && Path.StartsWith("/admin/", StringComparison.Ordinal)
        ? $"{Method} {Path} (console session)"
        : $"{Method} {Path}";

    public IEnumerable<ApiParameter> In(string location) => Parameters.Where(p => p.In == location);

    /// <summary>An operations endpoint (probe, metrics, the document itself): not in the document, GET only, no credentials.</summary>
    public static ApiOperation Plumbing(string path) => new("GET", path, [], null, ApiSecurity.None);
}

/// <summary>
/// A path, query or header parameter; <see cref="Type"/> is the JSON schema type (<c>integer</c>, <c>string</c>, …) and
/// <see cref="Format"/> its format, if any (<c>int32</c>, <c>int64</c>).
/// </summary>
public sealed record ApiParameter(string Name, string In, bool Required, string Type, string? Example, string? Format = null);

/// <summary>A request body: its media type and, for an object schema, its members.</summary>
public sealed record ApiBody(string ContentType, IReadOnlyList<ApiProperty> Properties)
{
    public bool IsJson => ContentType.Contains("json", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A member of a request body; <see cref="Type"/> is <c>any</c> when the schema allows every JSON kind. <see cref="AllowsZero"/>:
/// its schema's <c>minimum</c> is 0 (a number that may be zero, like a slippage band).
/// </summary>
public sealed record ApiProperty(string Name, string Type, bool Required, bool AllowsZero = false);

public enum ApiSecurity
{
    None,
    Bearer,
    AdminKey,

    /// <summary>The console's: its session cookie, and its CSRF token in <c>X-CSRF-Token</c> (what the console's page sends).</summary>
    ConsoleSession,
}
