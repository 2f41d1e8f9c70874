using Payout.Api.Domain.Errors;

namespace Payout.Api.Infrastructure.Errors;

/// <summary>
/// The error code a request was answered with, kept on the request's features by <see cref="ApiError"/>: the
/// <c>Idempotency-Key</c> middleware reads whether it means "never started" from the code's row instead of parsing
/// the body, and the integration tests check each answered code against the OpenAPI document.
/// </summary>
public sealed record AnsweredError(ErrorCode Code)
{
    public static void Record(HttpContext context, ErrorCode code) => context.Features.Set(new AnsweredError(code));

    public static ErrorCode? Of(HttpContext context) => context.Features.Get<AnsweredError>()?.Code;
}
