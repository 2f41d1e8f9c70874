namespace Payout.Api.Infrastructure.Idempotency;

/// <summary>Marks an endpoint that honours <c>Idempotency-Key</c>; <see cref="ReplayByRunningAgain"/> for execute.</summary>
/// <param name="ReplayByRunningAgain">
/// A stored success is answered by running the endpoint again (it is idempotent itself), so the replay
/// shows the current state — for <c>/pay</c>, the operation with its current status.
/// </param>
public sealed record IdempotentEndpoint(bool ReplayByRunningAgain = false);
