using System.Text;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Text;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// The input rules every endpoint shares, checked once before anything binds a request (README, "Input rules"):
/// <list type="bullet">
/// <item>every query name and value, and every path value, passes <see cref="TextRules"/>;</item>
/// <item>a body comes in UTF-8: a <c>charset</c> other than <c>utf-8</c> is refused, since JSON is UTF-8 (RFC 8259)
/// and an unknown charset must not reach a decoder;</item>
/// <item>a JSON body passes <see cref="JsonBodyRules"/> (well-formed, no member twice, every string valid text);</item>
/// <item>a form body names each field once, and every name and value passes <see cref="TextRules"/>;</item>
/// <item>URL-encoded text (the query, a form) must decode to UTF-8 (<see cref="UrlEncodedText"/>).</item>
/// </list>
/// A refusal is 400 <c>VALIDATION</c> naming the field; a body over 64 KiB is 413. Runs after authentication (spec
/// §2: 401 first) and before the <c>Idempotency-Key</c> middleware, so a refused request never holds a key.
/// </summary>
public static class RequestRules
{
    private const string FormType = "application/x-www-form-urlencoded";

    public static WebApplication UseRequestRules(this WebApplication app)
    {
        app.Use(Check);
        return app;
    }

    /// <summary>Synchronous unless there is a body to read: most calls (GETs) pass without an await of their own.</summary>
    private static Task Check(HttpContext http, RequestDelegate next)
    {
        // Only this service's own endpoints (the console's too): unknown routes answer 404 or 405, and the embedded sandbox
        // network speaks its own protocol.
        if (http.GetEndpoint() is not RouteEndpoint endpoint || endpoint.Metadata.GetMetadata<OtherProtocol>() is not null)
        {
            return next(http);
        }

        if ((CheckRouteValues(http.Request.RouteValues) ?? CheckQuery(http.Request.QueryString)) is { } text)
        {
            return new ApiError(text).ExecuteAsync(http);
        }

        return endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { } accepts
            ? CheckBodyThenAsync(http, accepts, next)
            : next(http);
    }

    private static async Task CheckBodyThenAsync(HttpContext http, IAcceptsMetadata accepts, RequestDelegate next)
    {
        if (await CheckBodyAsync(http.Request, accepts) is { } refusal)
        {
            await refusal.ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    /// <summary>A path segment that reaches a handler as text (a currency code) obeys the same rule as a query value.</summary>
    private static Failure? CheckRouteValues(RouteValueDictionary values)
    {
        foreach (var (name, value) in values)
        {
            if (value is string text && TextRules.Check(text) is { } problem)
            {
                return Failure.Validation(UrlEncodedText.FieldName(name, "path"), TextRules.Describe(problem));
            }
        }

        return null;
    }

    private static Failure? CheckQuery(QueryString query) =>
        query.HasValue ? UrlEncodedText.Check(Encoding.UTF8.GetBytes(query.Value![1..]), "query", fieldsOnce: false) : null;

    private static async Task<ApiError?> CheckBodyAsync(HttpRequest request, IAcceptsMetadata accepts)
    {
        if (request.ContentLength is 0 || !MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return null; // no body, or no readable type: the endpoint refuses it as it always has
        }

        if (contentType.Charset is { HasValue: true } charset && !IsUtf8(charset.Value))
        {
            return ApiError.Validation("Content-Type", "The body must be UTF-8: send charset=utf-8 or no charset.");
        }

        if (request.HasJsonContentType() && Accepts(accepts, "json"))
        {
            return await ReadBodyAsync(request) is { } body
                ? JsonBodyRules.Check(body.Span) is { } failure ? new ApiError(failure) : null
                : ErrorHandling.TooLarge();
        }

        if (contentType.MediaType.Equals(FormType, StringComparison.OrdinalIgnoreCase) && Accepts(accepts, FormType))
        {
            return await ReadBodyAsync(request) is not { } body ? ErrorHandling.TooLarge()
                : await CheckFormAsync(request, body) is { } failure ? new ApiError(failure)
                : null;
        }

        return null;
    }

    /// <summary>
    /// Reads the whole body (at most 64 KiB; null when longer) and leaves it readable again from the start for binding.
    /// Kestrel enforces the same limit on the wire; this also holds for chunked bodies under the test host.
    /// </summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > ErrorHandling.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        request.Body = new MemoryStream(bytes, writable: false);
        return bytes;
    }

    private static async Task<Failure?> CheckFormAsync(HttpRequest request, ReadOnlyMemory<byte> body)
    {
        if (UrlEncodedText.Check(body.Span, "body", fieldsOnce: true) is { } failure)
        {
            return failure;
        }

        try
        {
            // Read once here, within the reader's limits; the endpoint gets the same form from the request's cache.
            await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return null;
        }
        catch (InvalidDataException)
        {
            return Failure.Validation("body", "The form has too many fields or a field that is too long.");
        }
    }

    private static bool Accepts(IAcceptsMetadata accepts, string kind) =>
        accepts.ContentTypes.Any(type => type.Contains(kind, StringComparison.OrdinalIgnoreCase));

    private static bool IsUtf8(string? charset) =>
        HeaderUtilities.RemoveQuotes(charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase);

}
