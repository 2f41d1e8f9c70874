using Payout.Api.Features.Audit;

namespace Payout.Api.Features.Admin;

/// <summary>
/// Writes every operator call — reads too (PCI DSS 10.2.1.2: every action of an administrator) — to the audit trail, with
/// its actor, key id, route, target and status. The call has already run and committed its own change (whose money
/// events, if any, are audited inside its transaction), so this row is written in a fresh scope of its own; if even that
/// fails (the database went away just now), the call's answer stands and the row is logged instead.
/// </summary>
public sealed class AuditedOperatorActions(IServiceScopeFactory scopes, ILogger<AuditedOperatorActions> logger) : IOperatorActionLog
{
    public async Task WriteAsync(OperatorAction action, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, string?>
        {
            ["action"] = action.Action,
            ["keyId"] = action.KeyId,
            ["status"] = action.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in action.Target)
        {
            details["target." + name] = value;
        }

        var entry = new AuditEntry(AuditEventType.OPERATOR_CALL, CustomerIdOf(action), SubjectOf(action)) { Actor = action.Actor, Details = details };
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            // Not the request's token: a client that hangs up must not cancel the record of what it did.
            await scope.ServiceProvider.GetRequiredService<AuditTrail>().AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Operator call not written to the audit trail: {Actor} ({KeyId}) did {Action} on {@Target}: {StatusCode}",
                action.Actor, action.KeyId, action.Action, action.Target, action.StatusCode);
        }
    }

    private static long? CustomerIdOf(OperatorAction action) =>
        action.Target.TryGetValue("customerId", out var id) && long.TryParse(id, System.Globalization.CultureInfo.InvariantCulture, out var customerId)
            ? customerId
            : null;

    private static string? SubjectOf(OperatorAction action) =>
        action.Target.TryGetValue("operationId", out var operation) ? "payout:" + operation
        : action.Target.TryGetValue("customerId", out var customer) ? "customer:" + customer
        : null;
}
