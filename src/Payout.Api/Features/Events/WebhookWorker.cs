using System.Text.Json;
using Microsoft.Extensions.Options;
using Payout.Api.Infrastructure.Events;

namespace Payout.Api.Features.Events;

/// <summary>
/// Delivers the webhook outbox, in every process at once: each round claims due deliveries (the oldest pending one per
/// object, leased), sends them a few at a time, and records the answer — delivered, or due again after a backoff. A round
/// that delivered something is followed at once by another, so an object's next event does not wait for the timer.
/// Polls in real time; "due" is judged by the service's clock. Runs only when some merchant has a webhook.
/// </summary>
public sealed class WebhookWorker(
    IServiceScopeFactory scopes, IOptions<EventsOptions> options, TimeProvider clock, ILogger<WebhookWorker> logger) : BackgroundService
{
    /// <summary>This worker's name on its leases: per instance, so two apps in one process are two owners too.</summary>
    private readonly string owner = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
    private readonly EventsOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.WithWebhooks.Any())
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(settings.WebhookIntervalMilliseconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                while (await DeliverRoundAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Webhook round failed; trying again next round");
            }
        }
    }

    /// <summary>One round; answers how many deliveries it completed.</summary>
    public async Task<int> DeliverRoundAsync(CancellationToken cancellationToken)
    {
        List<long> claimed;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = clock.GetUtcNow();
            claimed = await scope.ServiceProvider.GetRequiredService<WebhookDeliveries>()
                .ClaimDueAsync(owner, now, now.AddSeconds(settings.WebhookLeaseSeconds), settings.WebhookBatchSize, cancellationToken);
        }

        var delivered = 0;
        await Parallel.ForEachAsync(
            claimed,
            new ParallelOptions { MaxDegreeOfParallelism = settings.WebhookParallelism, CancellationToken = cancellationToken },
            async (sequence, token) =>
            {
                if (await DeliverAsync(sequence, token))
                {
                    Interlocked.Increment(ref delivered);
                }
            });
        return delivered;
    }

    private async Task<bool> DeliverAsync(long sequence, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var deliveries = scope.ServiceProvider.GetRequiredService<WebhookDeliveries>();
        var delivery = await deliveries.GetAsync(sequence, cancellationToken);
        if (settings.WebhookOf(delivery.MerchantId) is not { } webhook)
        {
            await deliveries.DropAsync(sequence, owner, cancellationToken);
            return true;
        }

        var merchantEvent = await scope.ServiceProvider.GetRequiredService<EventLog>().GetAsync(sequence, cancellationToken);
        var body = JsonSerializer.SerializeToUtf8Bytes(EventItem.From(merchantEvent), EventJson.Options);
        var error = await scope.ServiceProvider.GetRequiredService<WebhookSender>().SendAsync(webhook, body, cancellationToken);
        if (error is null)
        {
            return await deliveries.MarkDeliveredAsync(sequence, owner, clock.GetUtcNow(), cancellationToken);
        }

        var attempts = delivery.Attempts + 1;
        var backoff = settings.BackoffAfter(attempts);
        logger.LogWarning("Webhook of event {Sequence} to merchant {MerchantId} failed (attempt {Attempts}): {Error}; next try in {Backoff}",
            sequence, delivery.MerchantId, attempts, error, backoff);
        await deliveries.RetryLaterAsync(sequence, owner, clock.GetUtcNow() + backoff, error, cancellationToken);
        return false;
    }
}
