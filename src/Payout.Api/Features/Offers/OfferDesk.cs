using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Limits;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Payouts;
using Payout.Api.Domain.Pricing;
using Payout.Api.Features.Cards;
using Payout.Api.Infrastructure.Http;
using Payout.Api.Infrastructure.Observability;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Offers;

/// <summary>Creates and re-quotes offers: input checks, pricing at the current rate, and the answer with its reasons.</summary>
public sealed class OfferDesk(
    PayoutDbContext db, OfferStore offers, CardVault cards, CardStore cardStore, Quoting quoting, PayoutMetrics metrics, TimeProvider clock)
{
    public async Task<Result<OfferResponse>> CreateAsync(
        CurrentCustomer customer, decimal? amount, string? fromCurrency, string? toCurrency, long? cardId, decimal? maxSlippage,
        CancellationToken cancellationToken)
    {
        var input = CheckInput(amount, fromCurrency, toCurrency);
        if (!input.IsSuccess)
        {
            return input.Failure;
        }

        if (CheckSlippage(maxSlippage) is { } badBand)
        {
            return badBand;
        }

        if (cardId is not { } id)
        {
            return Failure.Validation("cardId", "cardId is required.");
        }

        await using var connection = await quoting.ShareConnectionAsync(cancellationToken);
        var card = await cards.FindActiveToQuoteAsync(customer.Id, id, cancellationToken);
        if (card is null)
        {
            return new Failure(ErrorCode.CARD_NOT_FOUND);
        }

        await cards.RecheckIfPendingAsync(card, cancellationToken);
        var offer = new Offer
        {
            CustomerId = customer.Id, CardId = card.Id, CurrencyFrom = input.Value.From.Code, CurrencyTo = input.Value.To.Code,
            MaxSlippage = maxSlippage ?? 0m, CreatedAt = clock.GetUtcNow(),
        };
        if (await LockQuoteAsync(offer, input.Value, cancellationToken) is { } unpriced)
        {
            return unpriced;
        }

        // Stored and its facts read in one round trip (PostgreSQL): the answer needs the offer's id and those facts.
        var facts = await quoting.InsertThenFactsAsync(offer, OfferStore.InsertStatement(offer), card, customer.Id, customer.KycLevel, cancellationToken);
        metrics.OfferCreated();
        return await DescribeAsync(offer, facts, customer, cancellationToken);
    }

    /// <summary>Re-quotes at the current rate: same offer, same card, new validity.</summary>
    public async Task<Result<OfferResponse>> UpdateAsync(
        CurrentCustomer customer, long offerId, decimal? amount, string? fromCurrency, string? toCurrency, decimal? maxSlippage,
        CancellationToken cancellationToken)
    {
        var input = CheckInput(amount, fromCurrency, toCurrency);
        if (!input.IsSuccess)
        {
            return input.Failure;
        }

        if (CheckSlippage(maxSlippage) is { } badBand)
        {
            return badBand;
        }

        // Under the customer's lock, so an update and an execute of one offer cannot interleave.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockCustomerAsync(customer.Id, cancellationToken);
        var offer = await offers.FindAsync(customer.Id, offerId, cancellationToken);
        if (offer is null)
        {
            return new Failure(ErrorCode.OFFER_NOT_FOUND);
        }

        if (offer.IsExecuted)
        {
            return new Failure(ErrorCode.OFFER_ALREADY_EXECUTED);
        }

        if (offer.IsExpiredAt(clock.GetUtcNow()))
        {
            return ExecutionRemedies.OfferExpired();
        }

        if (await LockQuoteAsync(offer, input.Value, cancellationToken) is { } unpriced)
        {
            return unpriced;
        }

        offer.MaxSlippage = maxSlippage ?? offer.MaxSlippage;
        await offers.SaveAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await DescribeAsync(offer, await cardStore.GetAsync(offer.CardId, cancellationToken), customer, cancellationToken);
    }

    /// <summary>The request's pair and amount, checked as spec §2 and §7 say (pair first: the amount's scale depends on it).</summary>
    private Result<OfferInput> CheckInput(decimal? amount, string? fromCurrency, string? toCurrency)
    {
        if (fromCurrency is null || toCurrency is null)
        {
            var field = fromCurrency is null ? "fromCurrency" : "toCurrency";
            return Failure.Validation(field, $"{field} is required.");
        }

        if (!quoting.TryGetPair(fromCurrency, toCurrency, out var from, out var to))
        {
            // Codes we know are named; anything else the client sent is not repeated back.
            return new Failure(ErrorCode.PAIR_NOT_SUPPORTED, from is not null && to is not null ? $"Paying out {from.Code} to {to.Code} is not supported." : null);
        }

        if (amount is not { } value)
        {
            return Failure.Validation("amount", "amount is required.");
        }

        return AmountRules.Check(value, from) is { } problem
            ? Failure.Validation("amount", AmountRules.Describe(problem, from))
            : new OfferInput(from, to, value);
    }

    private static Failure? CheckSlippage(decimal? maxSlippage) =>
        maxSlippage is { } band && SlippageBand.Problem(band) is { } problem ? Failure.Validation("maxSlippage", problem) : null;

    /// <summary>Locks the current rate into <paramref name="offer"/>; a failure when there is no fresh rate.</summary>
    private async Task<Failure?> LockQuoteAsync(Offer offer, OfferInput input, CancellationToken cancellationToken)
    {
        var quote = await quoting.QuoteAsync(input.From, input.To, cancellationToken);
        if (quote is null)
        {
            return new Failure(ErrorCode.RATE_UNAVAILABLE, $"No fresh {input.From.Code}/{input.To.Code} rate right now; try again shortly.");
        }

        var priced = OfferPricing.Price(input.Amount, input.From, input.To, quote.Rate.Value, quoting.Fees);
        offer.Lock(priced, quote.Bounds, KycLimits.ToEur(priced.AmountTo, input.To, quote.EurPerTarget), clock.GetUtcNow(), quoting.Payout.OfferValidity);
        return null;
    }

    /// <summary>The answer, with whether execute would pass right now and, if not, why.</summary>
    private async Task<OfferResponse> DescribeAsync(Offer offer, Card card, CurrentCustomer customer, CancellationToken cancellationToken) =>
        await DescribeAsync(offer, await quoting.FactsAsync(offer, card, customer.Id, customer.KycLevel, cancellationToken), customer, cancellationToken);

    /// <summary>The answer from facts already read (<see cref="Quoting.FactsAsync"/>).</summary>
    private async Task<OfferResponse> DescribeAsync(Offer offer, ExecutionFacts read, CurrentCustomer customer, CancellationToken cancellationToken)
    {
        var facts = read with { OfferExpired = false };
        var failing = await quoting.ExplainAsync(ExecutionChecks.FailingReasons(facts), facts, offer, customer.Id, cancellationToken);
        var from = quoting.Currency(offer.CurrencyFrom);
        return OfferResponse.From(offer, quoting.Payout.OfferValidSeconds, failing, facts.RemainingLimitEur, from);
    }
}
