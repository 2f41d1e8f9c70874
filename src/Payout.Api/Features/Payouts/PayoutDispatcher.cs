using Microsoft.Extensions.Options;
using Payout.Api.Domain.Ledger;
using Payout.Api.Features.Audit;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Payouts.Network;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// Moves one outbox entry forward: sends the payout, or asks the network about it, and applies the answer.
/// The rules that keep money safe live here:
/// a payout that may already have reached the network is never sent blind — its status is asked first;
/// a payout is failed only when the network says so or confirms it never received it;
/// without an answer nothing changes but the time of the next try.
/// A payout whose last attempt went unanswered is asked again through a lane of its own, without the circuit breaker: one
/// the network never answers would otherwise keep the circuit open on every other payout (the soak found it).
/// </summary>
public sealed class PayoutDispatcher(
    PayoutStore payouts, PayoutOutbox outbox, PayoutNetworkEvents events, CardStore cards, CardVault vault, IPayoutNetwork network,
    [FromKeyedServices(NetworkSetup.UnansweredLane)] IPayoutNetwork unansweredLane,
    PayoutSettlement settlement, SettlementBatcher batcher, PayoutDbContext db, AuditTrail audit, IOptions<PayoutNetworkOptions> options, TimeProvider clock,
    ILogger<PayoutDispatcher> logger)
{
    /// <summary>The failure reason of a payout the network confirmed it never received.</summary>
    public const string NotReceivedByNetwork = "NOT_RECEIVED_BY_NETWORK";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);
    private readonly PayoutNetworkOptions settings = options.Value;

    /// <summary>Takes the entry's lease (if free and due) and processes it; false when someone else holds it.</summary>
    public async Task<bool> TryProcessAsync(long operationId, bool evenIfNotDue, CancellationToken cancellationToken)
    {
        if (!await TryLeaseAsync(operationId, evenIfNotDue, cancellationToken))
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
        if (!await TryLeaseAsync(operationId, evenIfNotDue: true, cancellationToken))
        {
            return false;
        }

        events.Note(operationId, NetworkEventKind.OperatorAskedAgain, null, actor);
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
        if (!await TryLeaseAsync(operationId, evenIfNotDue: true, cancellationToken))
        {
            return null;
        }

        var entry = await outbox.GetAsync(operationId, cancellationToken);
        var answer = await NetworkFor(entry).GetStatusAsync(operationId, await ExpectedFiatAsync(operationId, cancellationToken), cancellationToken);
        events.Note(operationId, NetworkEventKind.OperatorFailRequested, answer, actor);
        await events.SaveAsync(cancellationToken);
        if (answer.Outcome == NetworkOutcome.NotFound)
        {
            // The refund and its audit row commit together: an operator's money decision is never unrecorded.
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                if (await settlement.ApplyAsync(operationId, new NetworkAnswer(NetworkOutcome.Declined, NotReceivedByNetwork), cancellationToken))
                {
                    var customerId = (await payouts.GetAsync(operationId, cancellationToken)).CustomerId;
                    await audit.AppendAsync(new AuditEntry(AuditEventType.PAYOUT_FAILED_BY_OPERATOR, customerId, $"payout:{operationId}")
                    {
                        Actor = actor,
                        Details = new Dictionary<string, string?> { ["reason"] = NotReceivedByNetwork, ["refunded"] = "true" },
                    }, cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }

            await UpdateAsync(operationId, DispatchState.Done, clock.GetUtcNow(), entry.Attempts + 1, null, cancellationToken);
        }
        else
        {
            await RecordAsync(entry, answer, cancellationToken);
        }

        return answer;
    }

    private Task<bool> TryLeaseAsync(long operationId, bool evenIfNotDue, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return outbox.TryLeaseAsync(operationId, evenIfNotDue, now, now.AddSeconds(settings.LeaseSeconds), cancellationToken);
    }

    /// <summary>
    /// Sends a payout this process has just debited, under the lease its outbox entry was written with: nothing is read
    /// again, and a final answer settles it in one transaction with the attempt's record and the entry's release, shared with
    /// the other payouts settling at that moment (<see cref="SettlementBatcher"/>).
    /// </summary>
    /// <returns>The payout as it now is when this call settled it; null when it is still open (or settled elsewhere).</returns>
    public async Task<PayoutOperation?> SendNewAsync(NewPayoutDispatch dispatch, CancellationToken cancellationToken)
    {
        var payout = dispatch.Payout;
        var answer = await network.SendAsync(new PayoutInstruction(payout.Id, vault.RevealNumber(dispatch.Card), payout.AmountTo, payout.CurrencyTo), cancellationToken);
        if (answer.IsFinal
            && await batcher.SettleAsync(new DispatchedAnswer(
                new SettlingPayout(payout, dispatch.Fees), answer, events.Statement(payout.Id, NetworkEventKind.Sent, answer), Attempts: 1)) is { } settled)
        {
            return settled;
        }

        events.Note(payout.Id, NetworkEventKind.Sent, answer);
        await events.SaveAsync(cancellationToken);
        await RecordAsync(new PayoutOutboxEntry { OperationId = payout.Id, State = DispatchState.Queued }, answer, cancellationToken);
        return null;
    }

    /// <summary>Processes an entry this process has already leased (the batch claim of <see cref="DispatchWorker"/>).</summary>
    public async Task ProcessLeasedAsync(long operationId, CancellationToken cancellationToken)
    {
        var entry = await outbox.GetAsync(operationId, cancellationToken);
        var lane = NetworkFor(entry);
        var answer = entry.State == DispatchState.AwaitingResult || entry.Attempts > 0
            ? await AskStatusAsync(lane, operationId, cancellationToken)
            : new NetworkAnswer(NetworkOutcome.NotFound);
        if (answer.Outcome == NetworkOutcome.NotFound && entry.State == DispatchState.Queued)
        {
            // Never received (or never sent): sending is safe — the network deduplicates by our id anyway.
            answer = await lane.SendAsync(await InstructionAsync(operationId, cancellationToken), cancellationToken);
            events.Note(operationId, NetworkEventKind.Sent, answer);
        }

        await events.SaveAsync(cancellationToken);
        await RecordAsync(entry, answer, cancellationToken);
    }

    /// <summary>The unanswered lane once an attempt went unanswered (its error is kept until an answer comes).</summary>
    private IPayoutNetwork NetworkFor(PayoutOutboxEntry entry) => entry.Attempts > 0 && entry.LastError is not null ? unansweredLane : network;

    private async Task<NetworkAnswer> AskStatusAsync(IPayoutNetwork lane, long operationId, CancellationToken cancellationToken)
    {
        var answer = await lane.GetStatusAsync(operationId, await ExpectedFiatAsync(operationId, cancellationToken), cancellationToken);
        events.Note(operationId, NetworkEventKind.StatusAsked, answer);
        return answer;
    }

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

        if (!answer.WasAsked)
        {
            // Our circuit breaker held the call back: nothing was tried, so the payout keeps its attempts and backoff and is
            // tried again when the circuit lets a call through.
            logger.LogDebug("Payout {OperationId}: not sent, the network's circuit is open", entry.OperationId);
            await UpdateAsync(entry.OperationId, entry.State, now + NetworkSetup.CircuitBreakDuration, entry.Attempts, entry.LastError, cancellationToken);
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

    private Task UpdateAsync(long operationId, DispatchState state, DateTimeOffset dueAt, int attempts, string? error, CancellationToken cancellationToken) =>
        outbox.ReleaseAsync(operationId, state, dueAt, attempts, error, clock.GetUtcNow(), cancellationToken);

    private async Task<FiatLeg> ExpectedFiatAsync(long operationId, CancellationToken cancellationToken)
    {
        var payout = await payouts.GetAsync(operationId, cancellationToken);
        return new FiatLeg(payout.CurrencyTo, payout.AmountTo);
    }

    private async Task<PayoutInstruction> InstructionAsync(long operationId, CancellationToken cancellationToken)
    {
        var payout = await payouts.GetAsync(operationId, cancellationToken);
        var card = await cards.GetAsync(payout.CardId, cancellationToken);
        return new PayoutInstruction(payout.Id, vault.RevealNumber(card), payout.AmountTo, payout.CurrencyTo);
    }
}
