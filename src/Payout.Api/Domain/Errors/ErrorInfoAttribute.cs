namespace Payout.Api.Domain.Errors;

/// <summary>One row of the error table, written on its <see cref="ErrorCode"/> member (read through <see cref="ErrorCatalog"/>).</summary>
/// <param name="status">The HTTP status of the answer.</param>
/// <param name="errorId">Vault's stable number: clients match on it, so it never changes and is never reused.</param>
/// <param name="message">The message when the caller has nothing more specific to say.</param>
[AttributeUsage(AttributeTargets.Field)]
public sealed class ErrorInfoAttribute(int status, int errorId, string message) : Attribute
{
    public int Status { get; } = status;

    public int ErrorId { get; } = errorId;

    public string Message { get; } = message;

    /// <summary>The request field the code always concerns (e.g. <c>amount</c> for the bounds), if any.</summary>
    public string? Field { get; init; }

    /// <summary>
    /// The answer means nothing was done: invalid input, a gate, a rate limit, "try again later". Such answers are
    /// not stored under an <c>Idempotency-Key</c>, so the caller can fix the request and send it again with the same key.
    /// </summary>
    public bool NeverStarted { get; init; }
}
