namespace Payout.Api.Features.Admin;

/// <summary>
/// One thing an operator changed: who (the console session or the admin key), what (method and route), on what
/// (the route's values, e.g. the customer or payout id) and how it ended (the HTTP status).
/// </summary>
public sealed record OperatorAction(
    string Actor, string Action, IReadOnlyDictionary<string, string?> Target, int StatusCode, DateTimeOffset At);
