using Payout.Api.Domain.Errors;

namespace Payout.Api.Infrastructure.Errors;

/// <summary>
/// A <see cref="Domain.Errors.Failure"/> as an HTTP answer: handlers return it, and it writes the spec's error body
/// (Vault's members plus the RFC 9457 ones) with the status of its code's row, so every error in the service has
/// one shape and one place that writes it. It also records the code it answered (<see cref="AnsweredError"/>).
/// </summary>
public sealed class ApiError : IResult, IStatusCodeHttpResult
{
    public ApiError(Failure failure) => Failure = failure;

    public ApiError(ErrorCode code, string? message = null, string? field = null)
        : this(new Failure(code, message, field))
    {
    }

    public Failure Failure { get; }

    public ErrorCode Code => Failure.Code;

    public string Message => Failure.Message;

    public string? Field => Failure.Field;

    public int StatusCode => ErrorCatalog.StatusOf(Code);

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public static implicit operator ApiError(Failure failure) => new(failure);

    public static ApiError Validation(string field, string message) => new(Failure.Validation(field, message));

    public ErrorBody ToBody() => new(
        Code.ToString(),
        ErrorCatalog.ErrorIdOf(Code),
        Message,
        Field,
        "payout",
        ErrorData.From(Failure.Remedy),
        $"https://payout.example/errors/{Code}",
        Code.ToString(),
        StatusCode,
        Message);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        AnsweredError.Record(httpContext, Code);
        httpContext.Response.StatusCode = StatusCode;
        if (Failure.RetryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return httpContext.Response.WriteAsJsonAsync(ToBody(), ErrorJson.Options, "application/json", httpContext.RequestAborted);
    }
}
