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
    TimeProvider clock, PayoutMetrics metrics)
{
    /// <summary>The offer now names its payout; written once (the customer's lock already keeps a second execute out).</summary>
    private const string ExecutedOfferSql = "UPDATE offers SET operation_id = {1}, updated_at = {2} WHERE id = {0} AND operation_id IS NULL";

    /// <summary>Every code execute can answer: an unknown offer, or the first failing check.</summary>
    public static readonly IReadOnlyList<ErrorCode> Errors = [ErrorCode.OFFER_NOT_FOUND, .. ExecutionChecks.Codes];

    public async Task<Result<PayoutOperation>> ExecuteAsync(long offerId, CurrentCustomer customer, CancellationToken cancellationToken)
    {
        var debit = await DebitAsync(offerId, customer, cancellationToken);
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

    private async Task<Result<Debit>> DebitAsync(long offerId, CurrentCustomer customer, CancellationToken cancellationToken)
    {
        // Inside a transaction EF wraps each save in a savepoint (two more round trips) so the transaction could go on after
        // a failed save; this one never does: any failure rolls it back whole.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            return await DebitInOneTransactionAsync(offerId, customer, cancellationToken);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }
    }

    private async Task<Result<Debit>> DebitInOneTransactionAsync(long offerId, CurrentCustomer customer, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The KYC level comes from the row we lock, never from the sign-in cache: a downgrade counts at once.
        var (kycLevel, drawnPayoutId, found, read) = await offers.LockAndFindAsync(customer.Id, offerId, quoting.LimitWindowStart(), cancellationToken);
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
        var facts = (read is not null ? quoting.Facts(offer, card, kycLevel, read) : await quoting.FactsAsync(offer, card, customer.Id, kycLevel, cancellationToken))
            with { OfferExpired = expiry.Expired };
        if (ExecutionChecks.FailingReasons(facts) is [var first, ..])
        {
            // A band's re-pricing (the offer's new figures, its exposure row) must not outlive a refusal.
            db.ChangeTracker.Clear();
            // The first failing check, with what clears it (an expired offer with a band: the rate now).
            return first == ErrorCode.OFFER_EXPIRED
                ? expiry.Refusal
                : (await quoting.ExplainAsync([first], facts, offer, customer.Id, cancellationToken))[0];
        }

        var payout = NewPayout(offer, card, shards.Next());
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
            customer.Id, offer.CurrencyFrom, offer.Amount, offer.Fees, new FiatLeg(offer.CurrencyTo, offer.AmountTo), payout.LedgerShard);
        var posted = await ledger.PostAsync(debit, payout.Id, alongside, cancellationToken);
        if (posted.Outcome == PostingOutcome.InsufficientFunds)
        {
            // A balance changed under us and the database refused to overdraw it: our float, which every customer's payouts
            // share (the wallet is under this customer's lock, so it cannot).
            await transaction.RollbackAsync(cancellationToken);
            return posted.RefusedAccount?.Type == AccountType.NetworkFloat
                ? (await quoting.ExplainAsync([ErrorCode.NETWORK_FLOAT_LOW], facts, offer, customer.Id, cancellationToken))[0]
                : ExecutionChecks.Refusal(ErrorCode.INSUFFICIENT_FUNDS);
        }

        await transaction.CommitAsync(cancellationToken);
        return new Debit(payout, new NewPayoutDispatch(payout, card, offer.Fees));
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
    private sealed record Debit(PayoutOperation Payout, NewPayoutDispatch? Sent);
}
