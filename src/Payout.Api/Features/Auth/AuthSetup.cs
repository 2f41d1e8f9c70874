using System.Globalization;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Payout.Api.Domain;
using Payout.Api.Domain.Errors;
using Payout.Api.Features.Customers;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Housekeeping;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Features.Auth;

public static class AuthSetup
{
    public static IServiceCollection AddPayoutAuth(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TokenSigningKeys>();
        services.AddSingleton<RememberingTokenHandler>();
        services.AddSingleton(sp => new CustomerCache(
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<AuthOptions>>().Value.CustomerCacheSeconds), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<TokenIssuer>();
        services.AddScoped<SignInThrottle>();
        services.AddScoped<SignIn>();
        services.AddScoped<IHousekeepingPurge, OldSignInFailures>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenSigningKeys, RememberingTokenHandler, IOptions<AuthOptions>, TimeProvider>(ConfigureJwt);
        services.AddAuthorization();
        return services;
    }

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/oauth/token", IssueToken.HandleAsync).WithTags("Auth").DisableAntiforgery()
            .RequireRateLimiting(RateLimiting.TokenPerAddress)
            .WithMetadata(new RequiredHeader(IssueToken.MerchantHeader, "The merchant (partner) of the customer, a UUID.", "bece038f-2e46-49f4-b25e-89cd38d6dc16"))
            .Accepts<IssueToken.Form>("application/x-www-form-urlencoded")
            .Produces<IssueToken.Response>();
        app.MapPost("/signout", SignOut.HandleAsync).RequireAuthorization().WithTags("Auth").Produces(StatusCodes.Status204NoContent);
        return app;
    }

    /// <summary>The customer gate of spec §3: NONE may use no payout endpoint.</summary>
    public static RouteGroupBuilder RequireKycAtLeast(this RouteGroupBuilder group, KycLevel minimum) =>
        group.AddEndpointFilter((context, next) =>
            CurrentCustomer.Of(context.HttpContext) is { } customer && customer.KycLevel >= minimum
                ? next(context)
                : ValueTask.FromResult<object?>(new ApiError(KycLevels.TooLow(minimum))))
            .ProducesErrors(ErrorCode.KYC_LEVEL_TOO_LOW);

    private static void ConfigureJwt(
        JwtBearerOptions jwt, TokenSigningKeys keys, RememberingTokenHandler tokens, IOptions<AuthOptions> options, TimeProvider clock)
    {
        var settings = options.Value;
        jwt.MapInboundClaims = false;
        // A token seen before is not parsed and verified again; revocation is still checked per request (AttachCustomerAsync).
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(tokens);
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.Zero,
            // Every key of the ring verifies, so tokens signed before a rotation stay valid until they expire.
            IssuerSigningKeyResolver = (_, _, kid, _) => keys.Resolve(kid),
            // The service's clock, not the machine's, so expiry is testable and consistent with the rest.
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                return expires is { } end && now < end && (notBefore is not { } start || now >= start);
            },
        };
        jwt.Events = new JwtBearerEvents { OnMessageReceived = SkipWhereNoAuthorizationIsRequired, OnTokenValidated = AttachCustomerAsync };
    }

    /// <summary>
    /// A bearer token is validated only for a route that requires authorization: no other route reads the customer.
    /// The embedded sandbox network's calls carry the network's API key as their bearer, which failed as a malformed
    /// token (an exception built and a log line written) on every payout.
    /// </summary>
    private static Task SkipWhereNoAuthorizationIsRequired(MessageReceivedContext context)
    {
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is null)
        {
            context.NoResult();
        }

        return Task.CompletedTask;
    }

    /// <summary>A valid signature is not enough: the customer must exist and the token's generation be current.</summary>
    private static async Task AttachCustomerAsync(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var subject = principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
        var generation = principal.FindFirst(TokenIssuer.GenerationClaim)?.Value;
        if (!long.TryParse(subject, NumberStyles.None, CultureInfo.InvariantCulture, out var customerId)
            || !int.TryParse(generation, NumberStyles.None, CultureInfo.InvariantCulture, out var tokenGeneration))
        {
            context.Fail("Malformed token.");
            return;
        }

        // The cache first: a hit needs no scoped service (the registry and the database context it rents).
        var services = context.HttpContext.RequestServices;
        var customer = services.GetRequiredService<CustomerCache>().TryGet(customerId, out var cached) ? cached
            : await services.GetRequiredService<CustomerRegistry>().FindCredentialsAsync(customerId, context.HttpContext.RequestAborted);
        if (customer is null || customer.TokenGeneration != tokenGeneration)
        {
            context.Fail("Token revoked.");
            return;
        }

        new CurrentCustomer(customer.Id, customer.MerchantId, customer.KycLevel).Attach(context.HttpContext);
    }
}
