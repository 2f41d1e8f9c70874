using Payout.Api.Infrastructure.Idempotency;

namespace Payout.Api.Features.Offers;

public static class OffersApi
{
    public static IServiceCollection AddOffers(this IServiceCollection services)
    {
        services.AddScoped<Quoting>();
        services.AddScoped<OfferStore>();
        services.AddScoped<QuoteReads>();
        services.AddScoped<OfferDesk>();
        return services;
    }

    public static RouteGroupBuilder MapOffersApi(this RouteGroupBuilder payout)
    {
        payout.MapGet("/data", GetPayoutData.HandleAsync).WithTags("Offers");
        payout.MapPost("/offer", CreateOffer.HandleAsync).WithTags("Offers").WithIdempotencyKey();
        payout.MapPut("/offer/{offerId:long}", UpdateOffer.HandleAsync).WithTags("Offers");
        return payout;
    }
}
