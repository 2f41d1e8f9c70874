using Payout.Api.Infrastructure.Idempotency;

namespace Payout.Api.Features.Payouts;

public static class PayoutsApi
{
    public static IServiceCollection AddPayouts(this IServiceCollection services)
    {
        services.AddScoped<PayoutSettlement>();
        services.AddScoped<PayoutDesk>();
        return services;
    }

    public static RouteGroupBuilder MapPayoutsApi(this RouteGroupBuilder payout)
    {
        payout.MapPost("/pay/{offerId:long}", ExecuteOffer.HandleAsync).WithTags("Payouts").WithIdempotencyKey(replayByRunningAgain: true);
        payout.MapGet("/history", History.ListAsync).WithTags("Payouts");
        payout.MapGet("/operations/{operationId:long}", History.GetAsync).WithTags("Payouts");
        return payout;
    }
}
