using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Payout.Api.Configuration;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// Request limits with ASP.NET Core's rate limiter: per customer on <c>/v4/payout/*</c>, per client address on
/// <c>/oauth/token</c>. The defaults are far above what a real app sends and well below what a runaway loop
/// sends. A rejection is 429 <c>RATE_LIMITED</c> with <c>Retry-After</c>. Limits are per process: with N API
/// processes a customer gets up to N times the limit, which is fine for a guard against runaway clients.
/// </summary>
public static class RateLimiting
{
    public const string PerCustomer = "per-customer";
    public const string TokenPerAddress = "token-per-address";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddPayoutRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<RateLimitOptions>(configuration, RateLimitOptions.SectionName);
        services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = RejectAsync;
            limiter.AddPolicy(PerCustomer, context => PerMinute(
                "customer:" + CustomerKey(context),
                Limits(context).PerCustomerPerMinute));
            limiter.AddPolicy(TokenPerAddress, context => PerMinute(
                "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                Limits(context).TokenPerAddressPerMinute));
        });
        return services;
    }

    /// <summary>After authentication, so the per-customer policy knows the customer.</summary>
    public static IApplicationBuilder UsePayoutRateLimiting(this IApplicationBuilder app) => app.UseRateLimiter();

    private static RateLimitOptions Limits(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    /// <summary>The authenticated customer (attached when the token was validated), else the token's subject.</summary>
    private static string CustomerKey(HttpContext context) =>
        CurrentCustomer.Of(context)?.Id.ToString(CultureInfo.InvariantCulture)
        ?? context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value
        ?? "anonymous";

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Ceiling(retryAfter.TotalSeconds)
            : (int)Window.TotalSeconds;
        var http = context.HttpContext;
        var policy = http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimiting))
            .LogWarning("Rate limit {Policy} reached on {Method} {Path}", policy, http.Request.Method, http.Request.Path);
        var error = new ApiError(new Failure(ErrorCode.RATE_LIMITED) { RetryAfterSeconds = Math.Max(1, seconds) });
        return new ValueTask(error.ExecuteAsync(http));
    }
}
