using Payout.Api.Domain;
using Payout.Api.Features.Auth;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Offers;
using Payout.Api.Features.Payouts;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api;

/// <summary>
/// The customer-facing <c>/v4/payout</c> API. The group applies the shared checks in the spec's order:
/// authentication (401), then X-Sdk-Version (400), then the KYC gate (403); features only add endpoints.
/// </summary>
public static class PayoutApi
{
    public static IEndpointRouteBuilder MapPayoutApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v4/payout")
            .RequireAuthorization()
            .RequireRateLimiting(RateLimiting.PerCustomer)
            .RequireSdkVersion()
            .RequireKycAtLeast(KycLevel.KYC_0);
        group.MapCardsApi();
        group.MapOffersApi();
        group.MapPayoutsApi();
        return app;
    }
}
