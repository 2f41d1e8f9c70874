namespace Payout.Api.Domain.Errors;

/// <summary>
/// An expected failure as a value: a code of the error table, a message for the caller and the request field it
/// concerns. Messages are fixed texts or built from figures; they never echo what the caller sent (a card number).
/// The web layer renders it as the spec's error body (<c>ApiError</c>); exceptions are for bugs.
/// </summary>
public sealed record Failure
{
    public Failure(ErrorCode code, string? message = null, string? field = null)
    {
        Code = code;
        Message = message ?? ErrorCatalog.DefaultMessageOf(code);
        Field = field ?? ErrorCatalog.DefaultFieldOf(code);
    }

    public ErrorCode Code { get; }

    public string Message { get; }

    public string? Field { get; }

    /// <summary>Seconds after which trying again can succeed (a locked sign-in), for a <c>Retry-After</c> header.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>What clears it, when something does: the error body's <c>data</c>.</summary>
    public Remedy? Remedy { get; init; }

    /// <summary>A malformed request field (<c>VALIDATION</c>).</summary>
    public static Failure Validation(string field, string message) => new(ErrorCode.VALIDATION, message, field);
}
