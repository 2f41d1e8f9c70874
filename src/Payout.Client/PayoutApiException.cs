using System.Net;

namespace Payout.Client;

/// <summary>
/// A non-2xx answer of the PayOut API. <see cref="Exception.Message"/> is the server's human text (for logs,
/// not for program logic): branch on <see cref="Error"/>, one of <see cref="PayoutErrorCodes"/>.
/// </summary>
public sealed class PayoutApiException : Exception
{
    /// <summary>Creates the exception for an API error (public so apps can fake one in their tests).</summary>
    public PayoutApiException(
        HttpStatusCode statusCode, string error, string message, int? errorId = null, string? field = null, TimeSpan? retryAfter = null,
        ReasonDetail? detail = null)
        : base(message)
    {
        StatusCode = statusCode;
        Error = error;
        ErrorId = errorId;
        Field = field;
        RetryAfter = retryAfter;
        Detail = detail;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>
    /// The stable error code (see <see cref="PayoutErrorCodes"/>), or <c>HTTP_&lt;status&gt;</c> (e.g. <c>HTTP_502</c>)
    /// when the body was not the API's error body (a proxy's page, say).
    /// </summary>
    public string Error { get; }

    /// <summary>The stable number of <see cref="Error"/>; null when the body had none.</summary>
    public int? ErrorId { get; }

    /// <summary>The input field at fault (e.g. <c>amount</c>, <c>X-Sdk-Version</c>), when the API names one.</summary>
    public string? Field { get; }

    /// <summary>How long to wait before trying again, from the <c>Retry-After</c> header (429, 503).</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// What clears the error, from the body's <c>data</c> (e.g. the shortfall of <see cref="PayoutErrorCodes.InsufficientFunds"/>,
    /// when the limit frees for <see cref="PayoutErrorCodes.LimitExceeded"/>); null when the body was not the API's.
    /// </summary>
    public ReasonDetail? Detail { get; }
}
