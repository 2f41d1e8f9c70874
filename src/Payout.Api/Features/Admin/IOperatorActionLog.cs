namespace Payout.Api.Features.Admin;

/// <summary>Where operator actions are written. The log is the only trail today; an audit table plugs in here.</summary>
public interface IOperatorActionLog
{
    Task WriteAsync(OperatorAction action, CancellationToken cancellationToken);
}
