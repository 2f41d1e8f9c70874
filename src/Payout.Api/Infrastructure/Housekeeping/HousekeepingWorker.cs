using System.Globalization;
using Microsoft.Extensions.Options;

namespace Payout.Api.Infrastructure.Housekeeping;

/// <summary>
/// Deletes what has outlived its window (<see cref="IHousekeepingPurge"/>: expired Idempotency-Keys, sign-in failures past
/// the lockout window), every <c>Housekeeping:IntervalMinutes</c>, in one process: each process polls, and the one that
/// claims the <c>housekeeping</c> lease for the interval runs it; a process that dies mid-run loses the lease when the
/// interval ends. Polls in real time; the interval and the windows are judged by the service clock.
/// </summary>
public sealed class HousekeepingWorker(
    IServiceScopeFactory scopes, IOptions<HousekeepingOptions> options, TimeProvider clock,
    ILogger<HousekeepingWorker> logger)
    : BackgroundService
{
    public const string JobName = "housekeeping";

    private readonly HousekeepingOptions settings = options.Value;

    /// <summary>This process, in the lease row: host name and process id, so an operator can tell who ran it.</summary>
    private readonly string holder = $"{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(settings.PollSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Housekeeping round failed; trying again next round");
            }
        }
    }

    /// <returns>True when this process held the lease and purged.</returns>
    public async Task<bool> RunIfDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (!await scope.ServiceProvider.GetRequiredService<JobLeases>().TryClaimAsync(JobName, holder, now, now + settings.Interval, cancellationToken))
            {
                return false;
            }
        }

        for (var index = 0; ; index++)
        {
            var (name, deleted) = await PurgeAsync(index, now, cancellationToken);
            if (name is null)
            {
                break;
            }

            logger.LogInformation("Housekeeping deleted {Count} {What}", deleted, name);
        }

        return true;
    }

    /// <summary>Runs the <paramref name="index"/>th purge to its end, a batch per scope (a clean unit of work each).</summary>
    /// <returns>Its name and how many rows it deleted, or no name when there are no more purges.</returns>
    private async Task<(string? Name, int Deleted)> PurgeAsync(int index, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            if (scope.ServiceProvider.GetServices<IHousekeepingPurge>().ElementAtOrDefault(index) is not { } purge)
            {
                return (null, 0);
            }

            // Each batch is its own short statement: writers of the table wait at most one batch.
            var batch = await purge.DeleteBatchAsync(now, settings.BatchSize, cancellationToken);
            deleted += batch;
            if (batch < settings.BatchSize)
            {
                return (purge.Name, deleted);
            }
        }
    }
}
