using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Payout.Api.Features.Admin;

namespace Payout.Api.Features.Console;

/// <summary>
/// The console's cookie authentication scheme and its principal; as <see cref="IOperatorSessions"/>, the way the
/// operator API accepts a console session in place of the key.
/// </summary>
public sealed class ConsoleAuth : IOperatorSessions
{
    public const string Scheme = "Console";
    public const string SessionClaim = "console_session";

    public static ClaimsPrincipal NewPrincipal()
    {
        var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        // NameIdentifier binds the antiforgery token to this session: another session's token is refused.
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, sessionId), new Claim(SessionClaim, sessionId)], Scheme));
    }

    public static async Task<ClaimsPrincipal?> SessionOf(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Scheme);
        return result.Succeeded ? result.Principal : null;
    }

    public Task<ClaimsPrincipal?> AuthenticateAsync(HttpContext http) => SessionOf(http);

    public string ActorOf(ClaimsPrincipal session) => "console:" + session.FindFirstValue(SessionClaim);
}
