using Microsoft.Extensions.Options;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Payouts;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Ledger;
using Payout.Api.Features.Offers;
using Payout.Api.Features.Payouts.Network;
using Payout.Api.Infrastructure.Events;
using Payout.Api.Infrastructure.Http;
using Payout.Api.Infrastructure.Observability;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// Execute in two steps. First one transaction, under the customer's lock: every check of spec §8, the
/// debit into "payouts in flight", the fiat reserved from the float, the payout record, its outbox entry and
/// the offer's change of state. Then the dispatcher sends it, outside the request; execute waits a short
/// budget for the final answer and otherwise answers PENDING — nothing here assumes the network answers at once.
/// </summary>
public sealed class PayoutDesk(
    PayoutDbContext db, ExecutableOffers offers, PayoutStore payouts, Quoting quoting, LedgerWriter ledger,
    HouseShardPicker shards, SlippageRepricer slippage, DispatchWorker dispatcher, MerchantEvents events, IOptions<PayoutNetworkOptions> network,
    DebitBatcher batcher, TimeProvider clock, PayoutMetrics metrics)
{
    /// <summary>The offer now names its payout; written once (the customer's lock already keeps a second execute out).</summary>
    private const string ExecutedOfferSql = "UPDATE offers SET operation_id = {1}, updated_at = {2} WHERE id = {0} AND operation_id IS NULL";

    /// <summary>Every code execute can answer: an unknown offer, or the first failing check.</summary>
    public static readonly IReadOnlyList<ErrorCode> Errors = [ErrorCode.OFFER_NOT_FOUND, .. ExecutionChecks.Codes];

    public async Task<Result<PayoutOperation>> ExecuteAsync(long offerId, CurrentCustomer customer, CancellationToken cancellationToken)
    {
        // PostgreSQL: executes that arrive together are debited in one transaction (DebitBatcher), and what a batch hands back
        // on its own; SQLite has one writer anyway.
        var execute = new ExecuteRequest(customer.Id, offerId);
        var debit = db.Provider == DatabaseProvider.Postgres
            ? await batcher.DebitAsync(execute) ?? await DebitAsync(execute, cancellationToken)
            : await DebitAsync(execute, cancellationToken);
        if (!debit.IsSuccess)
        {
            return debit.Failure;
        }

        var (payout, sent) = debit.Value;
        if (sent is null)
        {
            return payout;
        }

        metrics.PayoutEntered(PayoutStatus.PENDING);
        var dispatch = dispatcher.DispatchNowAsync(sent);
        try
        {
            // A latency budget, not business time: measured on the real clock.
            if (await dispatch.WaitAsync(TimeSpan.FromMilliseconds(network.Value.ExecuteWaitMilliseconds), cancellationToken) is { } settled)
            {
                // Settled by this dispatch: the payout as that transaction stored it, without reading it back.
                return settled;
            }
        }
        catch (TimeoutException)
        {
            // Still waiting for the network: the answer is PENDING; the dispatch goes on without us.
        }

        return await payouts.GetAsync(payout.Id, cancellationToken);
    }

    /// <summary>One execute's debit in a transaction of its own.</summary>
    public async Task<Result<Debit>> DebitAsync(ExecuteRequest execute, CancellationToken cancellationToken)
    {
        // Inside a transaction EF wraps each save in a savepoint (two more round trips) so the transaction could go on after
        // a failed save; this one never does: any failure rolls it back whole.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            return await DebitInOneTransactionAsync(execute.OfferId, execute.CustomerId, cancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    private async Task<Result<Debit>> DebitInOneTransactionAsync(long offerId, long customerId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The KYC level comes from the row we lock, never from the sign-in cache: a downgrade counts at once.
        var (kycLevel, drawnPayoutId, found, read) = await offers.LockAndFindAsync(customerId, offerId, quoting.LimitWindowStart(), cancellationToken);
        if (found is not { } executable)
        {
            return new Failure(ErrorCode.OFFER_NOT_FOUND);
        }

        var (offer, card) = executable;

        if (offer.OperationId is { } executed)
        {
            // Executing again answers the same operation, whatever its age: never a second debit.
            return new Debit(await payouts.GetAsync(executed, cancellationToken), Sent: null);
        }

        // An expired offer within its slippage band executes, re-priced at the rate the band gives.
        var expiry = await slippage.CheckExpiryAsync(offer, cancellationToken);
        // Read under the customer's lock, so nothing of this customer's moves before the debit (on PostgreSQL with the lock).
        var facts = (read is not null ? quoting.Facts(offer, card, kycLevel, read) : await quoting.FactsAsync(offer, card, customerId, kycLevel, cancellationToken))
            with { OfferExpired = expiry.Expired };
        if (ExecutionChecks.FailingReasons(facts) is [var first, ..])
        {
            // A band's re-pricing (the offer's new figures, its exposure row) must not outlive a refusal.
            db.ChangeTracker.Clear();
            // The first failing check, with what clears it (an expired offer with a band: the rate now).
            return first == ErrorCode.OFFER_EXPIRED
                ? expiry.Refusal
                : (await quoting.ExplainAsync([first], facts, offer, customerId, cancellationToken))[0];
        }

        var (payout, alongside, debit) = await WritesAsync(offer, card, drawnPayoutId, shards.Next(), cancellationToken);
        var posted = await ledger.PostAsync(debit, payout.Id, alongside, cancellationToken);
        if (posted.Outcome == PostingOutcome.InsufficientFunds)
        {
            // A balance changed under us and the database refused to overdraw it: our float, which every customer's payouts
            // share (the wallet is under this customer's lock, so it cannot).
            await transaction.RollbackAsync(cancellationToken);
            return posted.RefusedAccount?.Type == AccountType.NetworkFloat
                ? (await quoting.ExplainAsync([ErrorCode.NETWORK_FLOAT_LOW], facts, offer, customerId, cancellationToken))[0]
                : ExecutionChecks.Refusal(ErrorCode.INSUFFICIENT_FUNDS);
        }

        await transaction.CommitAsync(cancellationToken);
        return new Debit(payout, new NewPayoutDispatch(payout, card, offer.Fees));
    }

    /// <summary>
    /// Debits executes of different customers in one transaction (PostgreSQL): their customers locked in id order and their
    /// offers read in one round trip, every one that passes every check written in two more, one commit. An execute this does not
    /// finish — a second one of a customer, an offer executed before, expired or refused by a check — is left null, for
    /// <see cref="DebitAsync"/> to answer on its own as ever. Null when a debit was refused (a float shard short): nothing was
    /// written, and each execute must go on its own.
    /// </summary>
    public async Task<Result<Debit>?[]?> DebitManyAsync(IReadOnlyList<ExecuteRequest> executes, CancellationToken cancellationToken)
    {
        var debits = new Result<Debit>?[executes.Count];
        var batch = Enumerable.Range(0, executes.Count).DistinctBy(i => executes[i].CustomerId).OrderBy(i => executes[i].CustomerId).ToList();
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var locked = await offers.LockAndFindManyAsync(
                [.. batch.Select(i => (executes[i].CustomerId, executes[i].OfferId))], quoting.LimitWindowStart(), cancellationToken);
            var now = clock.GetUtcNow();
            // One house shard for the whole batch: each shared balance row is then written once for all its payouts, here and in
            // their settlement, which mostly finds them together. Shards keep concurrent transactions apart, and a batch is one.
            var shard = shards.Next();
            var ready = new List<(int Index, PayoutOperation Payout, NewPayoutDispatch Sent, LedgerTransaction Debit)>();
            var alongside = new List<SqlStatement>();
            for (var k = 0; k < batch.Count; k++)
            {
                if (locked[k] is not { Offer: var (offer, card), Facts: { } read, PayoutId: { } drawnId } found
                    || offer.OperationId is not null
                    || offer.IsExpiredAt(now)
                    || ExecutionChecks.FailingReasons(quoting.Facts(offer, card, found.Level, read)).Count > 0)
                {
                    continue;
                }

                var (payout, statements, debit) = await WritesAsync(offer, card, drawnId, shard, cancellationToken);
                alongside.AddRange(statements);
                ready.Add((batch[k], payout, new NewPayoutDispatch(payout, card, offer.Fees), debit));
            }

            if (ready.Count > 0 && !await ledger.PostAllOrNoneAsync([.. ready.Select(r => (r.Debit, r.Payout.Id))], alongside, cancellationToken))
            {
                return null;
            }

            await transaction.CommitAsync(cancellationToken);
            foreach (var (index, payout, sent, _) in ready)
            {
                debits[index] = new Debit(payout, sent);
            }

            return debits;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    /// <summary>What an execute that passed its checks writes: the payout, its statements for the ledger's first round trip, its debit.</summary>
    private async Task<(PayoutOperation Payout, SqlStatement[] Alongside, LedgerTransaction Debit)> WritesAsync(
        Offer offer, Card card, long? drawnPayoutId, int ledgerShard, CancellationToken cancellationToken)
    {
        var payout = NewPayout(offer, card, ledgerShard);
        var insert = await payouts.InsertAsync(payout, drawnPayoutId, cancellationToken);

        // Due a little after the request's own wait, and leased to this process until then at least: the request
        // dispatches it now, and the background loop takes over only if this process dies first or the attempt gets no answer.
        var dueAt = payout.CreatedAt + TimeSpan.FromMilliseconds(network.Value.ExecuteWaitMilliseconds) + TimeSpan.FromSeconds(1);
        var leaseUntil = payout.CreatedAt + TimeSpan.FromSeconds(Math.Max(network.Value.LeaseSeconds, (dueAt - payout.CreatedAt).TotalSeconds));
        // The payout's insert (on PostgreSQL), the outbox entry, the offer's change and the event travel in the ledger's first
        // batch, before it locks the shared balance rows, so they add nothing to how long those are held; a refused debit rolls
        // them back with the payout.
        SqlStatement[] alongside =
        [
            .. insert,
            PayoutOutbox.LeasedEntryStatement(payout.Id, dueAt, leaseUntil, payout.CreatedAt),
            new(ExecutedOfferSql, [offer.Id, payout.Id, payout.CreatedAt], ExpectedRows: 1),
            events.Statement(MerchantEventType.PayoutCreated, payout.CustomerId, payout.Id, HistoryItem.From(payout)),
        ];
        var debit = LedgerTransactions.PayoutDebit(
            payout.CustomerId, offer.CurrencyFrom, offer.Amount, offer.Fees, new FiatLeg(offer.CurrencyTo, offer.AmountTo), payout.LedgerShard);
        return (payout, alongside, debit);
    }

    private PayoutOperation NewPayout(Offer offer, Card card, int ledgerShard)
    {
        var now = PayoutOperation.Stored(clock.GetUtcNow());
        return new PayoutOperation
        {
            OfferId = offer.Id,
            CustomerId = offer.CustomerId,
            CardId = card.Id,
            Status = PayoutStatus.PENDING,
            AmountFrom = offer.Amount,
            CurrencyFrom = offer.CurrencyFrom,
            AmountTo = offer.AmountTo,
            CurrencyTo = offer.CurrencyTo,
            Rate = offer.Rate,
            Fee = offer.Fees.Total,
            PartnerFee = offer.Fees.PartnerShare,
            TotalDebited = offer.TotalDebited,
            AmountToEur = offer.AmountToEur,
            MaskedPan = card.MaskedPan,
            LedgerShard = ledgerShard,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The payout execute answers, and what to send when this request debited it (null: an earlier one did).</summary>
    public sealed record Debit(PayoutOperation Payout, NewPayoutDispatch? Sent);
}
