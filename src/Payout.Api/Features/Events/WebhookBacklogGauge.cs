using System.Diagnostics.Metrics;
using Payout.Api.Infrastructure.Observability;

namespace Payout.Api.Features.Events;

/// <summary>
/// The webhook outbox for operators: <c>payout.webhooks.pending</c> [<c>payout_webhooks_pending</c>], deliveries not yet
/// answered 2xx, and <c>payout.webhooks.pending.age</c> [<c>payout_webhooks_pending_age_seconds</c>], how long the oldest
/// of them has waited (0 when none) — it climbs while a merchant's receiver is down, so it is the one to alert on. Read
/// from the database when a scrape asks, at most every few seconds.
/// </summary>
public sealed class WebhookBacklogGauge(IServiceScopeFactory scopes, TimeProvider clock, ILogger<WebhookBacklogGauge> logger) : IBusinessGauge
{
    private readonly ScrapeCache<WebhookBacklog?> backlog = new();

    public void Register(Meter meter)
    {
        meter.CreateObservableGauge(
            "payout.webhooks.pending",
            () => backlog.Get(Read) is { } b ? [new Measurement<long>(b.Pending)] : Array.Empty<Measurement<long>>(),
            "{delivery}",
            "Webhook deliveries not yet answered 2xx by the merchant's receiver.");
        meter.CreateObservableGauge(
            "payout.webhooks.pending.age",
            () => backlog.Get(Read) is { } b ? [new Measurement<double>(b.OldestAge.TotalSeconds)] : Array.Empty<Measurement<double>>(),
            "s",
            "How long the oldest webhook delivery not yet answered 2xx has waited; 0 when none.");
    }

    private WebhookBacklog? Read()
    {
        try
        {
            using var scope = scopes.CreateScope();
            var (pending, oldest) = scope.ServiceProvider.GetRequiredService<WebhookDeliveries>().BacklogAsync(CancellationToken.None).GetAwaiter().GetResult();
            var age = oldest is { } since ? clock.GetUtcNow() - since : TimeSpan.Zero;
            return new WebhookBacklog(pending, age < TimeSpan.Zero ? TimeSpan.Zero : age);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Could not read the webhook backlog for the metrics");
            return null;
        }
    }

    private sealed record WebhookBacklog(long Pending, TimeSpan OldestAge);
}
