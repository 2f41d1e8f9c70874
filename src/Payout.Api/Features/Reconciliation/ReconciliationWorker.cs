using Microsoft.Extensions.Options;
using Payout.Api.Domain.Reconciliation;
using Payout.Api.Domain.Reports;

namespace Payout.Api.Features.Reconciliation;

/// <summary>
/// Reconciles each finished UTC day once, <c>Reconciliation:RunAfterMinutes</c> after it ends, in every API process
/// at once: the day's lease lets one of them run it. Polls in real time; "due" is judged by the service's clock.
/// A day the network gave no file for stays <c>NOT_RUN</c> and is tried again at the next poll.
/// </summary>
public sealed class ReconciliationWorker(
    IServiceScopeFactory scopes, IOptions<ReconciliationOptions> options, TimeProvider clock, IHostApplicationLifetime lifetime,
    ILogger<ReconciliationWorker> logger)
    : BackgroundService
{
    private readonly ReconciliationOptions settings = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        // Hosted services start before the server: the embedded network answers only once the host has started.
        await StartedAsync(stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.PollSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunDueDaysAsync(stoppingToken);
            }
            catch (SettlementFileUnavailableException e)
            {
                logger.LogWarning("Reconciliation waits for the network: {Reason}", e.Message);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Reconciliation round failed; trying again next round");
            }
        }
    }

    private async Task StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        await started.Task;
    }

    private async Task RunDueDaysAsync(CancellationToken cancellationToken)
    {
        var due = ReconciliationSchedule.DueDays(clock.GetUtcNow(), settings.RunAfter, settings.CatchUpDays);
        IReadOnlyList<DateOnly> pending;
        await using (var scope = scopes.CreateAsyncScope())
        {
            pending = await scope.ServiceProvider.GetRequiredService<Reconciler>().NotCheckedAsync(due, cancellationToken);
        }

        foreach (var day in pending)
        {
            // A scope per day: each run starts with a clean unit of work.
            await using var scope = scopes.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<Reconciler>().RunAsync(day, evenIfChecked: false, cancellationToken);
            logger.LogDebug("Reconciliation of {Day}: {Outcome}", UtcDay.Text(day), outcome);
        }

        logger.LogDebug("Reconciliation round done: {Pending} due days had no result", pending.Count);
    }
}
