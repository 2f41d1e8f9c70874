namespace Payout.Api.Features.Admin;

/// <summary>
/// One call an operator made: who (the console session or the admin key) with which key (<see cref="AdminOptions.KeyId"/>),
/// what (method and route), on what (the route's values, e.g. the customer or payout id), how it ended (the HTTP status),
/// and whether it could change something (every method but GET and HEAD).
/// </summary>
public sealed record OperatorAction(
    string Actor, string KeyId, string Action, IReadOnlyDictionary<string, string?> Target, int StatusCode, DateTimeOffset At, bool Changes);
