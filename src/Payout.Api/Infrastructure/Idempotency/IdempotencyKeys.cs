using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Primitives;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Housekeeping;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Infrastructure.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> (Stripe's semantics): a key lives 24 hours per caller; the same key with the same
/// request answers the stored response; with a different request, 409 IDEMPOTENCY_KEY_REUSED; while the
/// first is still running, 409 REQUEST_IN_PROGRESS. Answers that say the request never started — invalid
/// input, auth, SDK version, rate limits, 5xx: the codes whose row says <see cref="ErrorCatalog.NeverStarted"/> —
/// are not stored, so the key can be used again.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    public static IServiceCollection AddIdempotencyKeys(this IServiceCollection services) =>
        services.AddScoped<IdempotencyStore>()
            .AddScoped<IHousekeepingPurge, ExpiredIdempotencyKeys>();

    /// <summary>Marks the endpoint as honouring the header; its answers include the key's own 400 and 409s.</summary>
    public static TBuilder WithIdempotencyKey<TBuilder>(this TBuilder builder, bool replayByRunningAgain = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotentEndpoint(replayByRunningAgain))
            .WithMetadata(new OptionalHeader(Header, $"Makes a retry safe: the same key within 24 hours answers the first request's answer. 1 to {MaxKeyLength} visible ASCII characters, sent once.", "0b9e5c1e-6f1a-4d0e-9a57-3c2f8d1e4b7a"))
            .ProducesErrors(ErrorCode.VALIDATION, ErrorCode.IDEMPOTENCY_KEY_REUSED, ErrorCode.REQUEST_IN_PROGRESS);

    /// <summary>Runs after authentication, around the endpoint (filters and handler included).</summary>
    public static WebApplication UseIdempotencyKeys(this WebApplication app)
    {
        app.Use(Handle);
        return app;
    }

    /// <summary>A call without the header, or to an endpoint that does not honour it, passes straight through.</summary>
    private static Task Handle(HttpContext http, RequestDelegate next)
    {
        var endpoint = http.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>();
        if (endpoint is null)
        {
            return next(http);
        }

        var keys = http.Request.Headers[Header];
        return keys.Count == 0 ? next(http) : HandleAsync(http, keys, endpoint, next);
    }

    private static async Task HandleAsync(HttpContext http, StringValues keys, IdempotentEndpoint endpoint, RequestDelegate next)
    {
        // Sent, the header must name one key: an empty or repeated one is a client bug, not "no key".
        if (keys is not [{ Length: > 0 and <= MaxKeyLength } key] || key.Any(c => c < 0x21 || c > 0x7e))
        {
            await ApiError.Validation(Header, $"Send one {Header} of 1 to {MaxKeyLength} visible ASCII characters.").ExecuteAsync(http);
            return;
        }

        var scope = ScopeOf(http);
        if (scope is null)
        {
            await next(http); // unauthenticated: the endpoint answers 401 and nothing is stored
            return;
        }

        http.Request.EnableBuffering();
        var hash = await RequestHashAsync(http.Request);
        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        if (await store.ClaimAsync(scope, key, hash, http.RequestAborted) is { } earlier)
        {
            await AnswerEarlierAsync(http, earlier, hash, endpoint, next);
            return;
        }

        await RunAndStoreAsync(http, store, scope, key, next);
    }

    private static async Task AnswerEarlierAsync(HttpContext http, IdempotencyRecord earlier, string hash, IdempotentEndpoint endpoint, RequestDelegate next)
    {
        if (earlier.RequestHash != hash)
        {
            await new ApiError(ErrorCode.IDEMPOTENCY_KEY_REUSED).ExecuteAsync(http);
        }
        else if (earlier.StatusCode is not { } status)
        {
            await new ApiError(ErrorCode.REQUEST_IN_PROGRESS).ExecuteAsync(http);
        }
        else if (endpoint.ReplayByRunningAgain && status is >= 200 and < 300)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
            await next(http);
        }
        else
        {
            http.Response.StatusCode = status;
            http.Response.Headers["Idempotent-Replayed"] = "true";
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(earlier.ResponseBody ?? "", http.RequestAborted);
        }
    }

    private static async Task RunAndStoreAsync(HttpContext http, IdempotencyStore store, string scope, string key, RequestDelegate next)
    {
        var original = http.Response.Body;
        await using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await next(http);
        }
        catch
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None);
            throw;
        }
        finally
        {
            http.Response.Body = original;
        }

        if (ShouldStore(http))
        {
            await store.CompleteAsync(scope, key, http.Response.StatusCode, Encoding.UTF8.GetString(captured.ToArray()), CancellationToken.None);
        }
        else
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None);
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
    }

    /// <summary>A success, or an error whose code says the request was done (refused for good); never a bare failure.</summary>
    private static bool ShouldStore(HttpContext http) =>
        http.Response.StatusCode is >= 200 and < 300
        || AnsweredError.Of(http) is { } code && ErrorCatalog.StatusOf(code) == http.Response.StatusCode && !ErrorCatalog.NeverStarted(code);

    private static string? ScopeOf(HttpContext http)
    {
        if (CurrentCustomer.Of(http) is { } customer)
        {
            return "customer:" + customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        // The operator API checks its key in an endpoint filter; an unchecked caller only ever reaches a 401.
        return http.Request.Path.StartsWithSegments("/admin", StringComparison.Ordinal) ? "admin" : null;
    }

    private static async Task<string> RequestHashAsync(HttpRequest request)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        request.Body.Position = 0;
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
