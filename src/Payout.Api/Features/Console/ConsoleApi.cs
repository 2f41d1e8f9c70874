using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Errors;
using Payout.Api.Features.Admin;
using Payout.Api.Features.Audit;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Features.Console;

/// <summary>
/// The operator console: its page at <c>/console</c> (static files from wwwroot/console) and its session at
/// <c>/console/api/session</c>. Everything else the console shows or does goes through the operator API
/// (<c>/admin/v1</c>), which accepts the session in place of the key (<see cref="OperatorAccess"/>).
/// </summary>
public static class ConsoleApi
{
    public const string Path = "/console";

    public sealed record SignInRequest(string? Key);

    /// <summary>The CSRF token goes to the page's script, which sends it back as <c>X-CSRF-Token</c>.</summary>
    public sealed record SessionResponse(string CsrfToken, int IdleMinutes);

    public static IEndpointRouteBuilder MapOperatorConsole(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (IWebHostEnvironment environment) => StaticPages.Html(environment, "console/index.html")).ExcludeFromDescription();
        var session = app.MapGroup(Path + "/api/session").ExcludeFromDescription().DisableAntiforgery();
        session.MapPost("", SignInAsync).RequireRateLimiting(RateLimiting.TokenPerAddress);
        session.MapGet("", CurrentAsync);
        session.MapDelete("", SignOutAsync);
        // The console's own figures, on the operator API (its key or session and its action log, like every operator route).
        app.MapOperatorGroup().MapGet("/dashboard", Dashboard.HandleAsync);
        return app;
    }

    /// <summary>The operator key for a session. A JSON body only: a cross-site form cannot post one.</summary>
    private static async Task<Results<Ok<SessionResponse>, ApiError>> SignInAsync(
        SignInRequest request, HttpContext http, IOptions<AdminOptions> admin, IOptions<ConsoleOptions> options, IAntiforgery antiforgery,
        IOperatorSessions sessions, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (!OperatorAccess.IsSameKey(admin.Value.ApiKey, request.Key ?? ""))
        {
            await audit.AppendAsync(new AuditEntry(AuditEventType.CONSOLE_SIGN_IN_FAILED) { Actor = "anonymous" }, cancellationToken);
            return new ApiError(ErrorCode.UNAUTHORIZED, "That is not the operator key.", "key");
        }

        var principal = ConsoleAuth.NewPrincipal();
        await http.SignInAsync(ConsoleAuth.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
        http.User = principal;
        await audit.AppendAsync(new AuditEntry(AuditEventType.CONSOLE_SIGN_IN)
        {
            Actor = sessions.ActorOf(principal),
            Details = new Dictionary<string, string?> { ["keyId"] = admin.Value.KeyId },
        }, cancellationToken);
        return TypedResults.Ok(NewTokens(http, antiforgery, options.Value));
    }

    /// <summary>The page asks on load: signed in (with a CSRF token for this page) or 401.</summary>
    private static async Task<Results<Ok<SessionResponse>, ApiError>> CurrentAsync(
        HttpContext http, IOptions<ConsoleOptions> options, IAntiforgery antiforgery)
    {
        if (await ConsoleAuth.SessionOf(http) is not { } principal)
        {
            return OperatorAccess.Unauthorized();
        }

        http.User = principal;
        return TypedResults.Ok(NewTokens(http, antiforgery, options.Value));
    }

    private static async Task<Results<NoContent, ApiError>> SignOutAsync(
        HttpContext http, IAntiforgery antiforgery, IOperatorSessions sessions, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (await ConsoleAuth.SessionOf(http) is not { } principal)
        {
            return OperatorAccess.Unauthorized();
        }

        http.User = principal;
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return OperatorAccess.CsrfRefused();
        }

        await http.SignOutAsync(ConsoleAuth.Scheme);
        await audit.AppendAsync(new AuditEntry(AuditEventType.CONSOLE_SIGN_OUT) { Actor = sessions.ActorOf(principal) }, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Antiforgery also marks the answer <c>no-cache, no-store</c>: a token is never cached.</summary>
    private static SessionResponse NewTokens(HttpContext http, IAntiforgery antiforgery, ConsoleOptions options) =>
        new(antiforgery.GetAndStoreTokens(http).RequestToken!, options.IdleMinutes);
}
