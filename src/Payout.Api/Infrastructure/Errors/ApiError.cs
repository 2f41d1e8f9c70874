using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace Payout.Api.Infrastructure.Errors;

/// <summary>
/// An expected failure as a value. Handlers return it; it writes the spec's error body (Vault's members
/// plus the RFC 9457 ones), so every error in the service has one shape and one place that writes it.
/// </summary>
public sealed class ApiError : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public ApiError(ErrorCode code, string message, string? field = null)
    {
        Code = code;
        Message = message;
        Field = field;
    }

    public ErrorCode Code { get; }

    public string Message { get; }

    public string? Field { get; }

    /// <summary>Seconds for a <c>Retry-After</c> header (429 answers).</summary>
    public int? RetryAfterSeconds { get; init; }

    public int StatusCode => ErrorCatalog.StatusOf(Code);

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public ErrorBody ToBody() => new(
        Code.ToString(),
        ErrorCatalog.ErrorIdOf(Code),
        Message,
        Field,
        "payout",
        EmptyData,
        $"https://payout.example/errors/{Code}",
        Code.ToString(),
        StatusCode,
        Message);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCode;
        if (RetryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return httpContext.Response.WriteAsJsonAsync(ToBody(), ErrorJson.Options, "application/json", httpContext.RequestAborted);
    }

    /// <summary>
    /// Called for every handler whose return type includes <see cref="ApiError"/>: documents the error body under
    /// 400 (every handler validates), 404 when the route has parameters (an id that is not the caller's), and the
    /// statuses of the handler's <see cref="ProducesErrorAttribute"/>s. Gates add theirs (401, 403, 429) themselves.
    /// </summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        var statuses = new SortedSet<int> { StatusCodes.Status400BadRequest };
        if (builder is RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 })
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }

        foreach (var declared in method.GetCustomAttributes<ProducesErrorAttribute>())
        {
            statuses.Add(ErrorCatalog.StatusOf(declared.Code));
        }

        foreach (var status in statuses)
        {
            builder.Metadata.Add(ErrorResponses.For(status));
        }
    }

    public static ApiError Validation(string field, string message) => new(ErrorCode.VALIDATION, message, field);

    private static readonly IReadOnlyDictionary<string, object> EmptyData = new Dictionary<string, object>();
}

/// <summary>The error body of spec §2. <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c> are RFC 9457's.</summary>
public sealed record ErrorBody(
    string Error,
    int ErrorId,
    string Message,
    string? Field,
    string SystemId,
    IReadOnlyDictionary<string, object> Data,
    string Type,
    string Title,
    int Status,
    string Detail);

internal static class ErrorJson
{
    /// <summary>Error bodies keep <c>field: null</c> (Vault's clients read it), unlike the rest of the API.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Options = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
