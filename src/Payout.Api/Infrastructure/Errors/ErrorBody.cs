namespace Payout.Api.Infrastructure.Errors;

/// <summary>
/// The error body of spec §2. <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c> are RFC 9457's; <c>data</c> says
/// what clears the failure (<see cref="ErrorData"/>).
/// </summary>
public sealed record ErrorBody(
    string Error,
    int ErrorId,
    string Message,
    string? Field,
    string SystemId,
    ErrorData Data,
    string Type,
    string Title,
    int Status,
    string Detail);
