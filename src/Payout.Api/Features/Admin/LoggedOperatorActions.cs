namespace Payout.Api.Features.Admin;

/// <summary>Writes each operator change (not reads) as a structured log line (category <c>Payout.Operator</c>).</summary>
public sealed class LoggedOperatorActions(ILoggerFactory loggers) : IOperatorActionLog
{
    private readonly ILogger logger = loggers.CreateLogger("Payout.Operator");

    public Task WriteAsync(OperatorAction action, CancellationToken cancellationToken)
    {
        if (!action.Changes)
        {
            return Task.CompletedTask;
        }

        logger.LogInformation("Operator {Actor} did {Action} on {@Target}: {StatusCode}", action.Actor, action.Action, action.Target, action.StatusCode);
        return Task.CompletedTask;
    }
}
