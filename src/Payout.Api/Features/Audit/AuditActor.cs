namespace Payout.Api.Features.Audit;

/// <summary>
/// Who acts in the current scope, for audit rows that do not name their actor: the operator API's gate names the
/// operator of the request, a command names the command; anything else (the demo seed) is <c>system</c>.
/// </summary>
public sealed class AuditActor
{
    public const string System = "system";

    public string Name { get; set; } = System;
}
