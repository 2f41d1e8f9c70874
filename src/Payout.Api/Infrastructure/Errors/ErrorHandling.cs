using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Infrastructure.Errors;

/// <summary>
/// Turns everything that is not a handler's own <see cref="ApiError"/> into the spec's error body:
/// framework rejections (bad JSON, 404, 405, 413) become 4xx, a database that cannot be reached becomes 503
/// SERVICE_UNAVAILABLE with Retry-After, and other exceptions become a bare 500 INTERNAL — never a stack trace, an
/// exception message or request data in a response.
/// </summary>
public static class ErrorHandling
{
    public const long MaxBodyBytes = 64 * 1024;

    public static IServiceCollection AddErrorHandling(this IServiceCollection services)
    {
        services.AddExceptionHandler<ExceptionToErrorBody>();
        services.AddProblemDetails();
        // Binding failures must reach the exception handler (they carry the JSON path of the bad field);
        // by default they only do so in Development.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static WebApplication UseErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(WriteBodyForBareStatus);
        app.Use(RejectOversizedBodies);
        return app;
    }

    private static Task RejectOversizedBodies(HttpContext context, RequestDelegate next)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge().ExecuteAsync(context);
        }

        // Kestrel enforces this for chunked bodies too; the check above answers early and also under the test host.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        return next(context);
    }

    private static Task WriteBodyForBareStatus(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var error = http.Response.StatusCode switch
        {
            StatusCodes.Status401Unauthorized => new ApiError(ErrorCode.UNAUTHORIZED),
            StatusCodes.Status403Forbidden => new ApiError(ErrorCode.KYC_LEVEL_TOO_LOW),
            StatusCodes.Status404NotFound => new ApiError(ErrorCode.NOT_FOUND),
            StatusCodes.Status405MethodNotAllowed => new ApiError(ErrorCode.METHOD_NOT_ALLOWED),
            StatusCodes.Status413PayloadTooLarge => TooLarge(),
            StatusCodes.Status415UnsupportedMediaType => ApiError.Validation("body", "Content-Type must be application/json."),
            StatusCodes.Status429TooManyRequests => new ApiError(ErrorCode.RATE_LIMITED),
            >= 500 => new ApiError(ErrorCode.INTERNAL),
            _ => ApiError.Validation("body", "The request is invalid."),
        };
        return error.ExecuteAsync(http);
    }

    /// <summary>Seconds a client should wait before trying again while the database is away (a restart takes a few).</summary>
    public const int DatabaseRetryAfterSeconds = 2;

    internal static ApiError DatabaseUnavailable() =>
        new(new Failure(ErrorCode.SERVICE_UNAVAILABLE) { RetryAfterSeconds = DatabaseRetryAfterSeconds });

    internal static ApiError TooLarge() =>
        new(ErrorCode.PAYLOAD_TOO_LARGE, $"The request body must not exceed {MaxBodyBytes / 1024} KiB.");

    private sealed class ExceptionToErrorBody(ILogger<ExceptionToErrorBody> logger) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var error = FromClientFault(exception);
            if (error is null && DatabaseErrors.IsUnavailable(exception))
            {
                // An outage, not a bug: one line without the stack, and an answer that says when to try again.
                logger.LogWarning("Database unavailable on {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
                error = DatabaseUnavailable();
            }

            if (error is null)
            {
                // The exception (not the request) is logged: a request body may hold a card number.
                logger.LogError(exception, "Unhandled exception on {Method} {Path}", context.Request.Method, context.Request.Path);
                error = new ApiError(ErrorCode.INTERNAL);
            }

            await error.ExecuteAsync(context);
            return true;
        }

        private static ApiError? FromClientFault(Exception exception) => exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => TooLarge(),
            BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                ApiError.Validation("body", "Content-Type must be application/json."),
            BadHttpRequestException bad when bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase) =>
                ApiError.Validation("body", "A JSON request body is required."),
            BadHttpRequestException => ApiError.Validation("request", "The request is invalid."),
            JsonException json => FromJson(json),
            _ => null,
        };

        /// <summary>Names the offending field from the JSON path ("$.amount" → "amount"), never echoing its value.</summary>
        private static ApiError FromJson(JsonException json)
        {
            // The reader's own exception type is internal; its presence means the text is not JSON at all.
            if (json.InnerException?.GetType().Name == "JsonReaderException" || json.Path is null)
            {
                return ApiError.Validation("body", "The request body is not valid JSON.");
            }

            var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal)
                ? path[2..].Split('.', '[')[0]
                : "body";
            var message = (field, json) switch
            {
                ("body", _) => "The request body is not valid JSON of the expected shape.",
                (_, Http.RefusedJsonValueException refused) => $"Field '{field}' {refused.Rule}",
                _ => $"Field '{field}' has the wrong type or format.",
            };
            return ApiError.Validation(field, message);
        }
    }
}
