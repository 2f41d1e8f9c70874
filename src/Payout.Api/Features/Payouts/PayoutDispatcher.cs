using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Features.Payouts.Network;
using Payout.Api.Infrastructure.Persistence;
using Payout.Api.Security;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// Moves one outbox entry forward: sends the payout, or asks the network about it, and applies the answer.
/// The rules that keep money safe live here:
/// a payout that may already have reached the network is never sent blind — its status is asked first;
/// a payout is failed only when the network says so or confirms it never received it;
/// without an answer nothing changes but the time of the next try.
/// </summary>
public sealed class PayoutDispatcher(
    PayoutDbContext db, IPayoutNetwork network, PayoutSettlement settlement, CardCipher cipher,
    IOptions<PayoutNetworkOptions> options, TimeProvider clock, ILogger<PayoutDispatcher> logger)
{
    /// <summary>The failure reason of a payout the network confirmed it never received.</summary>
    public const string NotReceivedByNetwork = "NOT_RECEIVED_BY_NETWORK";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private readonly PayoutNetworkOptions settings = options.Value;

    /// <summary>Process identity for leases (several API processes share one database).</summary>
    public static readonly string Owner = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>Takes the entry's lease (if free and due) and processes it; false when someone else holds it.</summary>
    public async Task<bool> TryProcessAsync(long operationId, bool evenIfNotDue, CancellationToken cancellationToken)
    {
        if (!await TryClaimAsync(operationId, evenIfNotDue, cancellationToken))
        {
            return false;
        }

        await ProcessLeasedAsync(operationId, cancellationToken);
        return true;
    }

    /// <summary>
    /// An operator's "ask the network again": the normal processing, now, even if not due — so it follows every rule
    /// above. False when another dispatcher holds the entry (or the payout is no longer pending).
    /// </summary>
    public async Task<bool> AskAgainAsync(long operationId, string actor, CancellationToken cancellationToken)
    {
        if (!await TryClaimAsync(operationId, evenIfNotDue: true, cancellationToken))
        {
            return false;
        }

        Note(operationId, NetworkEventKind.OperatorAskedAgain, null, actor);
        await ProcessLeasedAsync(operationId, cancellationToken);
        return true;
    }

    /// <summary>
    /// An operator's "fail with refund": the payout is failed (and refunded, by the settlement) only when the network
    /// confirms now that it has no such payout. Any other answer is applied as the dispatcher always applies it — a
    /// final answer settles, PENDING waits, no answer changes nothing — and the payout is not failed. We hold the
    /// lease while asking, so no send of ours can be under way, and a Done entry is never sent again.
    /// </summary>
    /// <returns>The network's answer, or null when another dispatcher holds the entry.</returns>
    public async Task<NetworkAnswer?> FailIfNetworkHasNoneAsync(long operationId, string actor, CancellationToken cancellationToken)
    {
        if (!await TryClaimAsync(operationId, evenIfNotDue: true, cancellationToken))
        {
            return null;
        }

        var entry = await db.PayoutOutbox.AsNoTracking().SingleAsync(e => e.OperationId == operationId, cancellationToken);
        var answer = await network.GetStatusAsync(operationId, cancellationToken);
        Note(operationId, NetworkEventKind.OperatorFailRequested, answer, actor);
        await db.SaveChangesAsync(cancellationToken);
        if (answer.Outcome == NetworkOutcome.NotFound)
        {
            await settlement.ApplyAsync(operationId, new NetworkAnswer(NetworkOutcome.Declined, NotReceivedByNetwork), cancellationToken);
            await UpdateAsync(operationId, DispatchState.Done, clock.GetUtcNow(), entry.Attempts + 1, null, cancellationToken);
        }
        else
        {
            await RecordAsync(entry, answer, cancellationToken);
        }

        return answer;
    }

    private async Task<bool> TryClaimAsync(long operationId, bool evenIfNotDue, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var leaseUntil = now.AddSeconds(settings.LeaseSeconds);
        var claimed = await db.PayoutOutbox
            .Where(e => e.OperationId == operationId && e.State != DispatchState.Done
                && (evenIfNotDue || e.DueAt <= now)
                && (e.LeaseUntil == null || e.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LeaseUntil, leaseUntil).SetProperty(e => e.LeaseOwner, Owner), cancellationToken);
        return claimed == 1;
    }

    /// <summary>Processes an entry this process has already leased (the batch claim of <see cref="DispatchWorker"/>).</summary>
    public async Task ProcessLeasedAsync(long operationId, CancellationToken cancellationToken)
    {
        var entry = await db.PayoutOutbox.AsNoTracking().SingleAsync(e => e.OperationId == operationId, cancellationToken);
        var answer = entry.State == DispatchState.AwaitingResult || entry.Attempts > 0
            ? await AskStatusAsync(operationId, cancellationToken)
            : new NetworkAnswer(NetworkOutcome.NotFound);
        if (answer.Outcome == NetworkOutcome.NotFound && entry.State == DispatchState.Queued)
        {
            // Never received (or never sent): sending is safe — the network deduplicates by our id anyway.
            answer = await network.SendAsync(await InstructionAsync(operationId, cancellationToken), cancellationToken);
            Note(operationId, NetworkEventKind.Sent, answer);
        }

        await db.SaveChangesAsync(cancellationToken);
        await RecordAsync(entry, answer, cancellationToken);
    }

    private async Task<NetworkAnswer> AskStatusAsync(long operationId, CancellationToken cancellationToken)
    {
        var answer = await network.GetStatusAsync(operationId, cancellationToken);
        Note(operationId, NetworkEventKind.StatusAsked, answer);
        return answer;
    }

    /// <summary>Adds an entry to the payout's network history; saved with the next change.</summary>
    private void Note(long operationId, NetworkEventKind kind, NetworkAnswer? answer, string? actor = null) =>
        db.Add(PayoutNetworkEvent.Of(operationId, kind, answer, clock.GetUtcNow(), actor));

    private async Task RecordAsync(PayoutOutboxEntry entry, NetworkAnswer answer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (answer.IsFinal || answer.Outcome == NetworkOutcome.NotFound)
        {
            // NotFound here can only follow AwaitingResult: the network took it as pending and now denies it — it failed.
            var final = answer.Outcome == NetworkOutcome.NotFound ? new NetworkAnswer(NetworkOutcome.Declined, NotReceivedByNetwork) : answer;
            await settlement.ApplyAsync(entry.OperationId, final, cancellationToken);
            await UpdateAsync(entry.OperationId, DispatchState.Done, now, entry.Attempts + 1, null, cancellationToken);
            return;
        }

        if (answer.Outcome == NetworkOutcome.Pending)
        {
            await UpdateAsync(entry.OperationId, DispatchState.AwaitingResult, now.AddSeconds(settings.ReconcileAfterSeconds), entry.Attempts + 1, null, cancellationToken);
            return;
        }

        var attempts = entry.Attempts + 1;
        var backoff = TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(attempts, 10))));
        logger.LogWarning("Payout {OperationId}: no answer from the network (attempt {Attempts}); next try in {Backoff}",
            entry.OperationId, attempts, backoff);
        await UpdateAsync(entry.OperationId, entry.State, now + backoff, attempts, answer.Detail, cancellationToken);
    }

    private Task UpdateAsync(long operationId, DispatchState state, DateTimeOffset dueAt, int attempts, string? error, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return db.PayoutOutbox
            .Where(e => e.OperationId == operationId && e.LeaseOwner == Owner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.State, state)
                .SetProperty(e => e.DueAt, dueAt)
                .SetProperty(e => e.Attempts, attempts)
                .SetProperty(e => e.LastError, error)
                .SetProperty(e => e.LeaseUntil, (DateTimeOffset?)null)
                .SetProperty(e => e.LeaseOwner, (string?)null)
                .SetProperty(e => e.UpdatedAt, now), cancellationToken);
    }

    private async Task<PayoutInstruction> InstructionAsync(long operationId, CancellationToken cancellationToken)
    {
        var payout = await db.PayoutOperations.AsNoTracking().SingleAsync(p => p.Id == operationId, cancellationToken);
        var card = await db.Cards.AsNoTracking().SingleAsync(c => c.Id == payout.CardId, cancellationToken);
        return new PayoutInstruction(payout.Id, cipher.Decrypt(card.EncryptionKeyId, card.EncryptedNumber), payout.AmountTo, payout.CurrencyTo);
    }
}
