using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Features.Auth;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Infrastructure.Idempotency;

/// <summary>Marks an endpoint that honours <c>Idempotency-Key</c>; <see cref="ReplayByRunningAgain"/> for execute.</summary>
/// <param name="ReplayByRunningAgain">
/// A stored success is answered by running the endpoint again (it is idempotent itself), so the replay
/// shows the current state — for <c>/pay</c>, the operation with its current status.
/// </param>
public sealed record IdempotentEndpoint(bool ReplayByRunningAgain = false);

/// <summary>
/// <c>Idempotency-Key</c> (Stripe's semantics): a key lives 24 hours per caller; the same key with the same
/// request answers the stored response; with a different request, 409 IDEMPOTENCY_KEY_REUSED; while the
/// first is still running, 409 REQUEST_IN_PROGRESS. Answers that say the request never started — invalid
/// input, auth, SDK version, rate limits, 5xx — are not stored, so the key can be used again.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan RunningLock = TimeSpan.FromMinutes(1);

    private static readonly HashSet<string> NotStarted = new(StringComparer.Ordinal)
    {
        nameof(ErrorCode.VALIDATION), nameof(ErrorCode.UNAUTHORIZED), nameof(ErrorCode.SDK_VERSION_REQUIRED),
        nameof(ErrorCode.SDK_VERSION_UNSUPPORTED), nameof(ErrorCode.KYC_LEVEL_TOO_LOW), nameof(ErrorCode.RATE_LIMITED),
        nameof(ErrorCode.PAYLOAD_TOO_LARGE), nameof(ErrorCode.RATE_UNAVAILABLE), nameof(ErrorCode.NETWORK_FLOAT_LOW),
    };

    public static TBuilder WithIdempotencyKey<TBuilder>(this TBuilder builder, bool replayByRunningAgain = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new IdempotentEndpoint(replayByRunningAgain));

    /// <summary>Runs after authentication, around the endpoint (filters and handler included).</summary>
    public static WebApplication UseIdempotencyKeys(this WebApplication app)
    {
        app.Use(HandleAsync);
        return app;
    }

    private static async Task HandleAsync(HttpContext http, Func<Task> next)
    {
        var endpoint = http.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>();
        var key = http.Request.Headers[Header].ToString();
        if (endpoint is null || key.Length == 0)
        {
            await next();
            return;
        }

        if (key.Length > MaxKeyLength || key.Any(c => c < 0x21 || c > 0x7e))
        {
            await ApiError.Validation(Header, $"{Header} must be 1 to {MaxKeyLength} visible ASCII characters.").ExecuteAsync(http);
            return;
        }

        var scope = ScopeOf(http);
        if (scope is null)
        {
            await next(); // unauthenticated: the endpoint answers 401 and nothing is stored
            return;
        }

        http.Request.EnableBuffering();
        var hash = await RequestHashAsync(http.Request);
        var store = http.RequestServices.GetRequiredService<IdempotencyStore>();
        var (claimed, earlier) = await store.ClaimAsync(scope, key, hash, http.RequestAborted);
        if (!claimed)
        {
            await AnswerEarlierAsync(http, earlier!, hash, endpoint, next);
            return;
        }

        await RunAndStoreAsync(http, store, scope, key, next);
    }

    private static async Task AnswerEarlierAsync(HttpContext http, IdempotencyRecord earlier, string hash, IdempotentEndpoint endpoint, Func<Task> next)
    {
        if (earlier.RequestHash != hash)
        {
            await new ApiError(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was used for a different request.", Header).ExecuteAsync(http);
        }
        else if (earlier.StatusCode is not { } status)
        {
            await new ApiError(ErrorCode.REQUEST_IN_PROGRESS, "A request with this Idempotency-Key is still running; retry shortly.", Header).ExecuteAsync(http);
        }
        else if (endpoint.ReplayByRunningAgain && status is >= 200 and < 300)
        {
            http.Response.Headers["Idempotent-Replayed"] = "true";
            await next();
        }
        else
        {
            http.Response.StatusCode = status;
            http.Response.Headers["Idempotent-Replayed"] = "true";
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(earlier.ResponseBody ?? "", http.RequestAborted);
        }
    }

    private static async Task RunAndStoreAsync(HttpContext http, IdempotencyStore store, string scope, string key, Func<Task> next)
    {
        var original = http.Response.Body;
        await using var captured = new MemoryStream();
        http.Response.Body = captured;
        try
        {
            await next();
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

        var body = Encoding.UTF8.GetString(captured.ToArray());
        if (ShouldStore(http.Response.StatusCode, body))
        {
            await store.CompleteAsync(scope, key, http.Response.StatusCode, body, CancellationToken.None);
        }
        else
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None);
        }

        captured.Position = 0;
        await captured.CopyToAsync(original, http.RequestAborted);
    }

    private static bool ShouldStore(int status, string body)
    {
        if (status is >= 200 and < 300)
        {
            return true;
        }

        if (status >= 500)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var code) && !NotStarted.Contains(code.GetString() ?? "");
        }
        catch (JsonException)
        {
            return false;
        }
    }

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

    /// <summary>The rows behind the keys; every decision is one insert or one conditional update.</summary>
    public sealed class IdempotencyStore(PayoutDbContext db, TimeProvider clock)
    {
        public async Task<(bool Claimed, IdempotencyRecord? Earlier)> ClaimAsync(string scope, string key, string hash, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            db.Add(new IdempotencyRecord
            {
                Scope = scope, Key = key, RequestHash = hash, CreatedAt = now, LockedUntil = now + RunningLock, ExpiresAt = now + Lifetime,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return (true, null);
            }
            catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
            }

            // Expired, or abandoned mid-request by a process that died: take it over with one conditional update.
            var takenOver = await db.Set<IdempotencyRecord>()
                .Where(r => r.Scope == scope && r.Key == key && (r.ExpiresAt <= now || (r.StatusCode == null && r.LockedUntil <= now)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.RequestHash, hash)
                    .SetProperty(r => r.StatusCode, (int?)null)
                    .SetProperty(r => r.ResponseBody, (string?)null)
                    .SetProperty(r => r.CreatedAt, now)
                    .SetProperty(r => r.LockedUntil, now + RunningLock)
                    .SetProperty(r => r.ExpiresAt, now + Lifetime), cancellationToken);
            if (takenOver == 1)
            {
                return (true, null);
            }

            return (false, await db.Set<IdempotencyRecord>().AsNoTracking().SingleAsync(r => r.Scope == scope && r.Key == key, cancellationToken));
        }

        public Task CompleteAsync(string scope, string key, int status, string body, CancellationToken cancellationToken) =>
            db.Set<IdempotencyRecord>().Where(r => r.Scope == scope && r.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, status).SetProperty(r => r.ResponseBody, body), cancellationToken);

        public Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken) =>
            db.Set<IdempotencyRecord>().Where(r => r.Scope == scope && r.Key == key && r.StatusCode == null)
                .ExecuteDeleteAsync(cancellationToken);
    }
}
