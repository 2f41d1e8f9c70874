using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Payout.Api.Features.Admin;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Console;

/// <summary>
/// Who may use the operator API (<c>/admin/v1</c>): a caller with the <c>X-Admin-Key</c> header, or a signed-in
/// console session — which must also send its CSRF token with every request that changes something. The key
/// wins when both are present; a wrong key is refused even with a session.
/// </summary>
public static class OperatorAccess
{
    public const string KeyHeader = "X-Admin-Key";
    public const string CsrfHeader = "X-CSRF-Token";
    public const string SessionClaim = "console_session";
    private const string ActorItem = "payout.operator";

    /// <summary>The operator behind the current request, once <see cref="FilterAsync"/> let it through.</summary>
    public static string ActorOf(HttpContext http) =>
        http.Items[ActorItem] as string ?? throw new InvalidOperationException("The request was not authorized as an operator.");

    /// <summary>The route group's filter: authorizes, then hands every change to <see cref="OperatorActions"/>.</summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (actor, refusal) = await IdentifyAsync(http);
        if (actor is null)
        {
            return refusal;
        }

        http.Items[ActorItem] = actor;
        var result = await next(context);
        if (!IsReadOnly(http.Request.Method))
        {
            await http.RequestServices.GetRequiredService<OperatorActions>().RecordAsync(http, actor, result, http.RequestAborted);
        }

        return result;
    }

    private static async Task<(string? Actor, ApiError? Refusal)> IdentifyAsync(HttpContext http)
    {
        if (http.Request.Headers.ContainsKey(KeyHeader))
        {
            var expected = http.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey;
            return IsSameKey(expected, http.Request.Headers[KeyHeader].ToString())
                ? ("admin-key", null)
                : (null, Unauthorized());
        }

        var session = await ConsoleAuth.AuthenticateAsync(http);
        if (session is null)
        {
            return (null, Unauthorized());
        }

        http.User = session;
        if (!IsReadOnly(http.Request.Method) && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return (null, CsrfRefused());
        }

        return (ConsoleAuth.ActorOf(session), null);
    }

    public static ApiError Unauthorized() =>
        new(ErrorCode.UNAUTHORIZED, "A valid X-Admin-Key header or a console session is required.");

    public static ApiError CsrfRefused() =>
        new(ErrorCode.CSRF_TOKEN_INVALID, $"A console request that changes something needs the session's {CsrfHeader} header.");

    public static bool IsReadOnly(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);

    /// <summary>Constant-time, so the key cannot be guessed byte by byte from response times.</summary>
    public static bool IsSameKey(string? expected, string given) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}

/// <summary>The console's cookie authentication scheme and its principal.</summary>
public static class ConsoleAuth
{
    public const string Scheme = "Console";

    public static ClaimsPrincipal NewPrincipal()
    {
        var sessionId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        // NameIdentifier binds the antiforgery token to this session: another session's token is refused.
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, sessionId), new Claim(OperatorAccess.SessionClaim, sessionId)], Scheme));
    }

    public static async Task<ClaimsPrincipal?> AuthenticateAsync(HttpContext http)
    {
        var result = await http.AuthenticateAsync(Scheme);
        return result.Succeeded ? result.Principal : null;
    }

    public static string ActorOf(ClaimsPrincipal session) => "console:" + session.FindFirstValue(OperatorAccess.SessionClaim);
}
