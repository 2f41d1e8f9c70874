namespace Payout.IntegrationTests.Hostile;

/// <summary>
/// The console's own routes beside the operator API: its session at <c>/console/api/session</c> (sign in with the
/// operator key, read the session, sign out). They are the console's page's, not the API's, so the document leaves them
/// out; the suite describes them here, and checks that they are every JSON route the console maps, so a new one is
/// not left unattacked. Everything else the console does goes through the operator API, which the suite also attacks
/// through a console session (<see cref="ThroughSession"/>).
/// </summary>
public static class ConsoleRoutes
{
    public const string SessionPath = "/console/api/session";

    /// <summary>Where the console's JSON routes live (its page at <c>/console</c> is a file, not an API).</summary>
    public const string ApiPrefix = "/console/api";

    public static IReadOnlyList<ApiOperation> Operations() =>
    [
        new("POST", SessionPath, [], new ApiBody("application/json", [new ApiProperty("key", "string", Required: true)]), ApiSecurity.None),
        new("GET", SessionPath, [], null, ApiSecurity.ConsoleSession),
        new("DELETE", SessionPath, [], null, ApiSecurity.ConsoleSession),
    ];

    /// <summary>An operator operation as the console calls it: with its session in place of <c>X-Admin-Key</c>.</summary>
    public static ApiOperation ThroughSession(ApiOperation operatorOperation) => operatorOperation with { Security = ApiSecurity.ConsoleSession };
}
