using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Ledger;
using Payout.Api.Features.Auth;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Ledger;
using Payout.Api.Features.Offers;
using Payout.Api.Features.Payouts.Network;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Observability;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary><c>POST /v4/payout/pay/{offerId}</c>: execute an offer exactly once (spec §8).</summary>
public static class ExecuteOffer
{
    public static async Task<Results<Ok<PayoutResponse>, ApiError>> HandleAsync(
        long offerId, CurrentCustomer customer, PayoutDesk desk, CancellationToken cancellationToken)
    {
        var (payout, error) = await desk.ExecuteAsync(offerId, customer, cancellationToken);
        return payout is null ? error! : TypedResults.Ok(PayoutResponse.From(payout));
    }
}

/// <summary>The execute answer (spec §8); <c>fee</c> and <c>totalDebited</c> are in the source crypto.</summary>
public sealed record PayoutResponse(
    string Status, decimal AmountFrom, string CurrencyFrom, decimal AmountTo, string CurrencyTo,
    long OperationId, long OfferId, decimal Fee, decimal TotalDebited, DateTimeOffset CreatedAt)
{
    public static PayoutResponse From(PayoutOperation p) => new(
        p.Status.ToString(), p.AmountFrom, p.CurrencyFrom, p.AmountTo, p.CurrencyTo, p.Id, p.OfferId, p.Fee, p.TotalDebited, p.CreatedAt);
}

/// <summary>
/// Execute in two steps. First one transaction, under the customer's lock: every check of spec §8, the
/// debit into "payouts in flight", the fiat reserved from the float, the payout record, its outbox entry and
/// the offer's change of state. Then the dispatcher sends it, outside the request; execute waits a short
/// budget for the final answer and otherwise answers PENDING — nothing here assumes the network answers at once.
/// </summary>
public sealed class PayoutDesk(
    PayoutDbContext db, Quoting quoting, LedgerWriter ledger, HouseShardPicker shards, DispatchWorker dispatcher,
    IOptions<PayoutNetworkOptions> network, TimeProvider clock, PayoutMetrics metrics)
{
    public async Task<(PayoutOperation? Payout, ApiError? Error)> ExecuteAsync(
        long offerId, CurrentCustomer customer, CancellationToken cancellationToken)
    {
        var (payout, error, debitedNow) = await DebitAsync(offerId, customer, cancellationToken);
        if (payout is null || !debitedNow)
        {
            return (payout, error);
        }

        metrics.PayoutEntered(PayoutStatus.PENDING);
        var dispatch = dispatcher.DispatchNowAsync(payout.Id);
        try
        {
            // A latency budget, not business time: measured on the real clock.
            await dispatch.WaitAsync(TimeSpan.FromMilliseconds(network.Value.ExecuteWaitMilliseconds), cancellationToken);
        }
        catch (TimeoutException)
        {
            // Still waiting for the network: the answer is PENDING; the dispatch goes on without us.
        }

        return (await db.PayoutOperations.AsNoTracking().SingleAsync(p => p.Id == payout.Id, cancellationToken), null);
    }

    private async Task<(PayoutOperation? Payout, ApiError? Error, bool DebitedNow)> DebitAsync(
        long offerId, CurrentCustomer customer, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The KYC level comes from the row we lock, never from the sign-in cache: a downgrade counts at once.
        var kycLevel = await db.LockCustomerReadingKycAsync(customer.Id, cancellationToken);
        var offer = await db.Offers.SingleOrDefaultAsync(o => o.Id == offerId && o.CustomerId == customer.Id, cancellationToken);
        if (offer is null)
        {
            return (null, OfferErrors.NotFound(), false);
        }

        if (offer.OperationId is { } executed)
        {
            // Executing again answers the same operation, whatever its age: never a second debit.
            return (await db.PayoutOperations.AsNoTracking().SingleAsync(p => p.Id == executed, cancellationToken), null, false);
        }

        var card = await db.Cards.AsNoTracking().SingleAsync(c => c.Id == offer.CardId, cancellationToken);
        var balance = await quoting.BalanceAsync(customer.Id, offer.CurrencyFrom, cancellationToken);
        var remaining = await quoting.RemainingLimitEurAsync(customer.Id, kycLevel, cancellationToken);
        var floatAvailable = await quoting.FloatAvailableAsync(offer.CurrencyTo, cancellationToken);
        var failing = ExecutionChecks.FailingReasons(quoting.Facts(offer, card, kycLevel, balance, remaining, floatAvailable));
        if (failing.Count > 0)
        {
            return (null, RefusalFor(failing[0]), false);
        }

        var payout = NewPayout(offer, card, shards.Next());
        db.PayoutOperations.Add(payout);
        await db.SaveChangesAsync(cancellationToken);

        // Due a little after the request's own wait: the request dispatches it now, and the background loop
        // takes over only if this process dies first or the attempt gets no answer.
        var dueAt = payout.CreatedAt + TimeSpan.FromMilliseconds(network.Value.ExecuteWaitMilliseconds) + TimeSpan.FromSeconds(1);
        db.PayoutOutbox.Add(new PayoutOutboxEntry { OperationId = payout.Id, State = DispatchState.Queued, DueAt = dueAt, UpdatedAt = payout.CreatedAt });
        offer.OperationId = payout.Id;
        offer.UpdatedAt = payout.CreatedAt;
        // The ledger saves these with its own first write, before it locks the shared balance rows.
        var debit = LedgerTransactions.PayoutDebit(
            customer.Id, offer.CurrencyFrom, offer.Amount, offer.TotalFee - offer.PartnerFee, offer.PartnerFee,
            new FiatLeg(offer.CurrencyTo, offer.AmountTo), payout.LedgerShard);
        var posted = await ledger.PostAsync(debit, cancellationToken);
        if (posted.Outcome == PostingOutcome.InsufficientFunds)
        {
            // Only reachable if a balance changed under us; the database refused to overdraw it.
            await transaction.RollbackAsync(cancellationToken);
            var reason = posted.RefusedAccount?.Type == AccountType.NetworkFloat ? ExecutionReasons.NetworkFloatLow : ExecutionReasons.InsufficientFunds;
            return (null, RefusalFor(reason), false);
        }

        await transaction.CommitAsync(cancellationToken);
        return (payout, null, true);
    }

    private PayoutOperation NewPayout(Offer offer, Card card, int ledgerShard)
    {
        var now = clock.GetUtcNow();
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
            Fee = offer.TotalFee,
            PartnerFee = offer.PartnerFee,
            TotalDebited = offer.TotalDebited,
            AmountToEur = offer.AmountToEur,
            MaskedPan = card.MaskedPan,
            LedgerShard = ledgerShard,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    private static ApiError RefusalFor(string reason) => reason switch
    {
        ExecutionReasons.KycLevelTooLow => AuthSetup.KycTooLow(ExecutionChecks.MinimumKycLevel),
        ExecutionReasons.OfferExpired => OfferErrors.Expired(),
        ExecutionReasons.CardNotApproved => new ApiError(ErrorCode.CARD_NOT_APPROVED, "The payout network has not approved this card."),
        ExecutionReasons.CardExpired => new ApiError(ErrorCode.CARD_EXPIRED, "The card has expired."),
        ExecutionReasons.BillingAddressRequired => new ApiError(ErrorCode.BILLING_ADDRESS_REQUIRED, "Send the card's billing address first."),
        ExecutionReasons.AmountBelowMinimum => new ApiError(ErrorCode.AMOUNT_BELOW_MINIMUM, "The amount is below this pair's minimum.", "amount"),
        ExecutionReasons.AmountAboveMaximum => new ApiError(ErrorCode.AMOUNT_ABOVE_MAXIMUM, "The amount is above this pair's maximum.", "amount"),
        ExecutionReasons.InsufficientFunds => new ApiError(ErrorCode.INSUFFICIENT_FUNDS, "The balance does not cover the amount and fees."),
        ExecutionReasons.LimitExceeded => new ApiError(ErrorCode.LIMIT_EXCEEDED, "This payout would exceed the 30-day limit of the customer's KYC level."),
        ExecutionReasons.NetworkFloatLow => new ApiError(ErrorCode.NETWORK_FLOAT_LOW, "Payouts in this currency are paused for a while; try again later."),
        _ => throw new InvalidOperationException($"Unknown execution reason {reason}."),
    };
}
