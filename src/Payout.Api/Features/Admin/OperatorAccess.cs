using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Errors;
using Payout.Api.Features.Audit;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Admin;

/// <summary>
/// Who may use the operator API (<c>/admin/v1</c>): a caller with the <c>X-Admin-Key</c> header, or a signed-in
/// operator session (<see cref="IOperatorSessions"/>: the console's) — which must also send its CSRF token with every
/// request that changes something. The key wins when both are present; a wrong key is refused even with a session.
/// </summary>
public static class OperatorAccess
{
    public const string CsrfHeader = "X-CSRF-Token";
    private const string ActorItem = "payout.operator";

    /// <summary>The operator behind the current request, once <see cref="FilterAsync"/> let it through.</summary>
    public static string ActorOf(HttpContext http) =>
        http.Items[ActorItem] as string ?? throw new InvalidOperationException("The request was not authorized as an operator.");

    /// <summary>
    /// The route group's filter: authorizes, names the operator for the audit rows the handler writes (<see cref="AuditActor"/>),
    /// then hands every call to <see cref="OperatorActions"/>.
    /// </summary>
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var (actor, refusal) = await IdentifyAsync(http);
        if (actor is null)
        {
            return refusal;
        }

        http.Items[ActorItem] = actor;
        http.RequestServices.GetRequiredService<AuditActor>().Name = actor;
        var result = await next(context);
        await http.RequestServices.GetRequiredService<OperatorActions>().RecordAsync(http, actor, result, http.RequestAborted);
        return result;
    }

    /// <summary>The gate's codes: 401 on every route, and with a session, 403 on a change without its CSRF token.</summary>
    public static void DeclareErrors(EndpointBuilder endpoint)
    {
        endpoint.Metadata.Add(new ProducesErrorAttribute(ErrorCode.UNAUTHORIZED));
        if (endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(m => m.HttpMethods).Any(method => !IsReadOnly(method)))
        {
            endpoint.Metadata.Add(new ProducesErrorAttribute(ErrorCode.CSRF_TOKEN_INVALID));
        }
    }

    private static async Task<(string? Actor, ApiError? Refusal)> IdentifyAsync(HttpContext http)
    {
        if (http.Request.Headers.ContainsKey(AdminApi.KeyHeader))
        {
            var expected = http.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey;
            return IsSameKey(expected, http.Request.Headers[AdminApi.KeyHeader].ToString())
                ? ("admin-key", null)
                : (null, Unauthorized());
        }

        var sessions = http.RequestServices.GetService<IOperatorSessions>();
        if (sessions is null || await sessions.AuthenticateAsync(http) is not { } session)
        {
            return (null, Unauthorized());
        }

        http.User = session;
        if (!IsReadOnly(http.Request.Method) && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return (null, CsrfRefused());
        }

        return (sessions.ActorOf(session), null);
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
