namespace Payout.IntegrationTests.Hostile;

/// <summary>
/// A signed-in console session, as the console's page holds it: the two cookies its sign-in set (the session's and the
/// antiforgery cookie, sent as one <c>Cookie</c> header) and the CSRF token from its answer.
/// </summary>
public sealed record ConsoleSession(string SessionCookie, string CsrfCookie, string CsrfToken)
{
    public const string CsrfHeader = "X-CSRF-Token";
    public const string SessionCookieName = "payout-console";
    public const string CsrfCookieName = "payout-console-csrf";

    public string Cookie => $"{SessionCookie}; {CsrfCookie}";

    /// <summary>The same cookies with the session's value replaced: a session that never existed.</summary>
    public string WithSessionValue(string value) => $"{SessionCookieName}={value}; {CsrfCookie}";

    /// <summary>From the sign-in's <c>Set-Cookie</c> headers and the token in its body.</summary>
    public static ConsoleSession From(IEnumerable<string> setCookies, string csrfToken)
    {
        var cookies = setCookies.Select(c => c.Split(';')[0]).ToList();
        return new ConsoleSession(
            cookies.Single(c => c.StartsWith(SessionCookieName + "=", StringComparison.Ordinal)),
            cookies.Single(c => c.StartsWith(CsrfCookieName + "=", StringComparison.Ordinal)),
            csrfToken);
    }
}
