using Payout.Api.Infrastructure.Idempotency;
using Payout.Api.Security;

namespace Payout.Api.Features.Cards;

public static class CardsApi
{
    public static IServiceCollection AddCards(this IServiceCollection services)
    {
        services.AddSingleton<CardCipher>();
        services.AddSingleton<CardFingerprint>();
        services.AddScoped<CardStore>();
        services.AddScoped<CardVault>();
        services.AddScoped<CardKeyRotation>();
        services.AddScoped<CardFingerprintRotation>();
        return services;
    }

    public static RouteGroupBuilder MapCardsApi(this RouteGroupBuilder payout)
    {
        payout.MapPost("/card", AddCard.HandleAsync).WithTags("Cards").WithIdempotencyKey();
        payout.MapPost("/card/{cardId:long}/billing-address", SetBillingAddress.HandleAsync).WithTags("Cards");
        payout.MapDelete("/card/{cardId:long}", DeleteCard.HandleAsync).WithTags("Cards");
        return payout;
    }
}
