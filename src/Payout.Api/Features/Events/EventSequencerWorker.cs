using Microsoft.Extensions.Options;

namespace Payout.Api.Features.Events;

/// <summary>Numbers committed events in the background, in every process (the sequencer's lock keeps them in turn).</summary>
public sealed class EventSequencerWorker(IServiceScopeFactory scopes, IOptions<EventsOptions> options, ILogger<EventSequencerWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.SequencerIntervalMilliseconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<EventSequencer>().NumberAllAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Numbering merchant events failed; trying again next round");
            }
        }
    }
}
