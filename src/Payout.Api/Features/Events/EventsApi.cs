using Payout.Api.Configuration;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Events;
using Payout.Api.Infrastructure.Http;
using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Features.Events;

/// <summary>
/// Merchant events (issue 13): the seam every change appends through (<see cref="MerchantEvents"/>), the sequencer that
/// numbers them after commit, <c>GET /admin/v1/events</c>, and the webhooks.
/// </summary>
public static class EventsApi
{
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSelfValidatingOptions<EventsOptions>(configuration, EventsOptions.SectionName)
            .Configure(o => o.Merchants = configuration.GetSection("Merchants").Get<List<MerchantEventSettings>>() ?? []);
        services.AddScoped<MerchantEvents>();
        services.AddScoped<EventSequencer>();
        services.AddScoped<EventLog>();
        services.AddScoped<WebhookDeliveries>();
        services.AddScoped<WebhookSender>();
        services.AddSingleton<MerchantCredentials>();
        services.AddSingleton<IBusinessGauge, WebhookBacklogGauge>();
        services.AddHostedService<EventSequencerWorker>();
        services.AddSingleton<WebhookWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookWorker>());
        services.AddHttpClient(WebhookSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(WebhookSender.CreateHandler);
        return services;
    }

    /// <summary><c>GET /admin/v1/events</c>: a merchant's key or the operator's access (<see cref="EventsAccess"/>).</summary>
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/admin/v1")
            .AddEndpointFilter(EventsAccess.FilterAsync)
            .WithMetadata(ApiKeyRequirement.Admin, ApiKeyRequirement.Merchant)
            .ProducesErrors(Domain.Errors.ErrorCode.UNAUTHORIZED)
            .WithTags("Events")
            .MapGet("/events", ReadEvents.HandleAsync);
        return app;
    }
}
