using Microsoft.Extensions.Options;

namespace Payout.Sandbox;

/// <summary>
/// Settles PENDING payouts and delivers their callbacks, retrying with exponential backoff. Waits use the
/// <see cref="TimeProvider"/>, so tests move time forward instead of sleeping.
/// </summary>
internal sealed class SandboxWorker(
    SandboxJobs jobs,
    PayoutStore store,
    CallbackSender sender,
    TimeProvider time,
    IOptions<SandboxOptions> options,
    ILogger<SandboxWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    /// <summary>Wait before attempt <paramref name="attempt"/> + 1: 1 s, 2 s, 4 s, … at most a minute.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempt - 1), MaxBackoff.TotalSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.UsesDevSecrets)
        {
            logger.LogWarning("The sandbox network runs with the README's ApiKey or CallbackSecret: set Sandbox:ApiKey and Sandbox:CallbackSecret outside a laptop.");
        }

        await foreach (var job in jobs.Reader.ReadAllAsync(stoppingToken))
        {
            // Each job waits on its own: one payout's callback backoff must not hold up another's settlement.
            _ = RunWhenDueAsync(job, stoppingToken);
        }
    }

    private async Task RunWhenDueAsync(SandboxJob job, CancellationToken stoppingToken)
    {
        try
        {
            // Measured from the due time, not from now: a job read late (or a test clock moved early) runs at once.
            var wait = job.DueAt - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, stoppingToken);
            }

            switch (job)
            {
                case SettleJob settle:
                    Settle(settle);
                    break;
                case CallbackJob callback:
                    await DeliverAsync(callback, stoppingToken);
                    break;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping; the sandbox keeps nothing across restarts anyway.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Sandbox job for payout {PayoutId} failed", job.PayoutId);
        }
    }

    private void Settle(SettleJob job)
    {
        if (store.Settle(job.PayoutId) is not { } settled)
        {
            return;
        }

        logger.LogInformation("Payout {PayoutId} settled as {Status}", settled.PayoutId, settled.Status);
        if (settled.CallbackUrl is not null)
        {
            jobs.Schedule(new CallbackJob(settled.PayoutId, 1, time.GetUtcNow()));
        }
    }

    private async Task DeliverAsync(CallbackJob job, CancellationToken stoppingToken)
    {
        if (store.CountCallbackAttempt(job.PayoutId) is not { CallbackUrl: { } url } payout)
        {
            return;
        }

        if (await sender.TrySendAsync(payout, url, stoppingToken))
        {
            store.MarkCallbackDelivered(job.PayoutId);
            return;
        }

        if (job.Attempt >= options.Value.CallbackMaxAttempts)
        {
            logger.LogWarning("Callback for payout {PayoutId} given up after {Attempts} attempts", job.PayoutId, job.Attempt);
            return;
        }

        jobs.Schedule(job with { Attempt = job.Attempt + 1, DueAt = time.GetUtcNow() + Backoff(job.Attempt) });
    }
}
