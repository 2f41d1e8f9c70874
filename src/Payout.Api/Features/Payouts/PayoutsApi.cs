using Payout.Api.Features.Offers;
using Payout.Api.Features.Payouts.Network;
using Payout.Api.Infrastructure.Idempotency;
using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Features.Payouts;

public static class PayoutsApi
{
    /// <summary>Execute, settlement, the outbox and its dispatcher, and the payout network.</summary>
    public static IServiceCollection AddPayouts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<PayoutStore>();
        services.AddScoped<IKycLimitUsage>(sp => sp.GetRequiredService<PayoutStore>());
        services.AddScoped<PayoutOutbox>();
        services.AddScoped<PayoutNetworkEvents>();
        services.AddScoped<PayoutSettlement>();
        services.AddSingleton<SettlementBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<SettlementBatcher>());
        services.AddSingleton<DebitBatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<DebitBatcher>());
        services.AddScoped<PayoutDesk>();
        services.AddScoped<ExecutableOffers>();
        services.AddScoped<ReceiptIssuer>();
        services.AddScoped<SlippageExposure>();
        services.AddScoped<SlippageRepricer>();
        services.AddSingleton<IBusinessGauge, SlippageExposureGauge>();
        services.AddScoped<PayoutDispatcher>();
        services.AddSingleton<DispatchWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DispatchWorker>());
        services.AddSingleton<IBusinessGauge, PayoutsInFlightGauge>();
        services.AddPayoutNetwork(configuration);
        return services;
    }

    public static RouteGroupBuilder MapPayoutsApi(this RouteGroupBuilder payout)
    {
        payout.MapPost("/pay/{offerId:long}", ExecuteOffer.HandleAsync).WithTags("Payouts").WithIdempotencyKey(replayByRunningAgain: true);
        payout.MapGet("/history", History.ListAsync).WithTags("Payouts");
        payout.MapGet("/operations/{operationId:long}", History.GetAsync).WithTags("Payouts");
        payout.MapGet("/operations/{operationId:long}/receipt", GetReceipt.HandleAsync).WithTags("Receipts")
            .Produces<string>(StatusCodes.Status200OK, GetReceipt.ContentType);
        return payout;
    }

    /// <summary>The receipts' public keys, for anyone to verify a receipt: no credentials.</summary>
    public static IEndpointRouteBuilder MapReceiptKeys(this IEndpointRouteBuilder app)
    {
        app.MapGet(PublishReceiptKeys.Route, PublishReceiptKeys.Handle).WithTags("Receipts");
        return app;
    }
}
