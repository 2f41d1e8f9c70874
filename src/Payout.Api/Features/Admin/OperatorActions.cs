using System.Globalization;
using Microsoft.Extensions.Options;

namespace Payout.Api.Features.Admin;

/// <summary>
/// The single seam every call made through the operator API passes, from the console or with the key: the
/// route group's filter hands each one here after it ran, so each trail (the log, the audit table) hooks in only once.
/// </summary>
public sealed class OperatorActions(IEnumerable<IOperatorActionLog> logs, IOptions<AdminOptions> options, TimeProvider clock)
{
    public async Task RecordAsync(HttpContext http, string actor, object? result, CancellationToken cancellationToken)
    {
        var endpoint = http.GetEndpoint() as RouteEndpoint;
        var action = new OperatorAction(
            actor,
            options.Value.KeyId,
            $"{http.Request.Method} {endpoint?.RoutePattern.RawText ?? http.Request.Path.Value}",
            http.Request.RouteValues.ToDictionary(v => v.Key, v => Convert.ToString(v.Value, CultureInfo.InvariantCulture)),
            StatusOf(result) ?? http.Response.StatusCode,
            clock.GetUtcNow(),
            !OperatorAccess.IsReadOnly(http.Request.Method));
        foreach (var log in logs)
        {
            await log.WriteAsync(action, cancellationToken);
        }
    }

    private static int? StatusOf(object? result) => result switch
    {
        INestedHttpResult nested => StatusOf(nested.Result),
        IStatusCodeHttpResult status => status.StatusCode,
        _ => null,
    };
}
