using System.Security.Claims;

namespace Payout.Api.Features.Admin;

/// <summary>
/// A signed-in operator session, the other way into the operator API besides the key. Declared here so the operator
/// API does not depend on the console, which implements it; without one, only the key opens <c>/admin/v1</c>.
/// </summary>
public interface IOperatorSessions
{
    /// <summary>The session the request carries (its principal, which antiforgery tokens are bound to), or null.</summary>
    Task<ClaimsPrincipal?> AuthenticateAsync(HttpContext http);

    /// <summary>Who the session is, in logs and payout timelines (e.g. <c>console:3f9a…</c>).</summary>
    string ActorOf(ClaimsPrincipal session);
}
