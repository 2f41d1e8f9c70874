using System.Globalization;

namespace Payout.Api.Features.Console;

/// <summary>
/// One thing an operator changed: who (the console session or the admin key), what (method and route), on what
/// (the route's values, e.g. the customer or payout id) and how it ended (the HTTP status).
/// </summary>
public sealed record OperatorAction(
    string Actor, string Action, IReadOnlyDictionary<string, string?> Target, int StatusCode, DateTimeOffset At);

/// <summary>Where operator actions are written. The log is the only trail today; an audit table plugs in here.</summary>
public interface IOperatorActionLog
{
    Task WriteAsync(OperatorAction action, CancellationToken cancellationToken);
}

/// <summary>
/// The single seam every change made through the operator API passes, from the console or with the key: the
/// route group's filter hands each one here after it ran, so an audit trail needs to hook in only once.
/// </summary>
public sealed class OperatorActions(IEnumerable<IOperatorActionLog> logs, TimeProvider clock)
{
    public async Task RecordAsync(HttpContext http, string actor, object? result, CancellationToken cancellationToken)
    {
        var endpoint = http.GetEndpoint() as RouteEndpoint;
        var action = new OperatorAction(
            actor,
            $"{http.Request.Method} {endpoint?.RoutePattern.RawText ?? http.Request.Path.Value}",
            http.Request.RouteValues.ToDictionary(v => v.Key, v => Convert.ToString(v.Value, CultureInfo.InvariantCulture)),
            StatusOf(result) ?? http.Response.StatusCode,
            clock.GetUtcNow());
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

/// <summary>Writes each operator action as a structured log line (category <c>Payout.Operator</c>).</summary>
public sealed class LoggedOperatorActions(ILoggerFactory loggers) : IOperatorActionLog
{
    private readonly ILogger logger = loggers.CreateLogger("Payout.Operator");

    public Task WriteAsync(OperatorAction action, CancellationToken cancellationToken)
    {
        logger.LogInformation("Operator {Actor} did {Action} on {@Target}: {StatusCode}", action.Actor, action.Action, action.Target, action.StatusCode);
        return Task.CompletedTask;
    }
}
