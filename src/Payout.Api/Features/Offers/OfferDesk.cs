using Payout.Api.Domain.Money;
using Payout.Api.Features.Auth;
using Payout.Api.Features.Cards;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Offers;

/// <summary>Prices an offer (new or re-quoted) and describes it: the shared heart of create and update.</summary>
public sealed class OfferDesk(Quoting quoting, TimeProvider clock)
{
    /// <summary>The request's pair and amount, checked as spec §2 and §7 say (pair first: the amount's scale depends on it).</summary>
    public (Currency From, Currency To, decimal Amount, ApiError? Error) CheckInput(decimal? amount, string? fromCurrency, string? toCurrency)
    {
        if (fromCurrency is null || toCurrency is null)
        {
            var field = fromCurrency is null ? "fromCurrency" : "toCurrency";
            return (null!, null!, 0, ApiError.Validation(field, $"{field} is required."));
        }

        if (!quoting.TryGetPair(fromCurrency, toCurrency, out var from, out var to))
        {
            return (null!, null!, 0, new ApiError(ErrorCode.PAIR_NOT_SUPPORTED,
                $"Paying out {fromCurrency} to {toCurrency} is not supported.", "fromCurrency"));
        }

        if (amount is not { } value)
        {
            return (from, to, 0, ApiError.Validation("amount", "amount is required."));
        }

        return AmountRules.Check(value, from) is { } problem
            ? (from, to, value, ApiError.Validation("amount", AmountRules.Describe(problem, from)))
            : (from, to, value, null);
    }

    /// <summary>Locks the current rate into <paramref name="offer"/> and starts a new validity period.</summary>
    public async Task<ApiError?> PriceAsync(Offer offer, Currency from, Currency to, decimal amount, CancellationToken cancellationToken)
    {
        var quote = await quoting.QuoteAsync(from, to, cancellationToken);
        if (quote is null)
        {
            return new ApiError(ErrorCode.RATE_UNAVAILABLE, $"No fresh {from.Code}/{to.Code} rate right now; try again shortly.");
        }

        var priced = OfferPricing.Price(amount, from, to, quote.Rate.Value, quoting.Fees);
        var now = clock.GetUtcNow();
        offer.Amount = amount;
        offer.CurrencyFrom = from.Code;
        offer.CurrencyTo = to.Code;
        offer.Rate = priced.Rate;
        offer.AmountTo = priced.AmountTo;
        offer.AmountToEur = Payouts.KycLimits.ToEur(priced.AmountTo, to, quote.EurPerTarget);
        offer.TransactionFee = FeeOf(priced, FeeTypes.TransactionFee);
        offer.NetworkFee = FeeOf(priced, FeeTypes.NetworkFee);
        offer.AdditionalFee = FeeOf(priced, FeeTypes.AdditionalFee);
        offer.PartnerFee = FeeOf(priced, FeeTypes.PartnerFee);
        offer.MinAmountFrom = quote.Bounds.MinAmountFrom;
        offer.MaxAmountFrom = quote.Bounds.MaxAmountFrom;
        offer.ExpiresAt = now + quoting.Payout.OfferValidity;
        offer.UpdatedAt = now;
        return null;
    }

    /// <summary>The answer, with whether execute would pass right now and, if not, why.</summary>
    public async Task<OfferResponse> DescribeAsync(Offer offer, Card card, CurrentCustomer customer, CancellationToken cancellationToken)
    {
        var balance = await quoting.BalanceAsync(customer.Id, offer.CurrencyFrom, cancellationToken);
        var remaining = await quoting.RemainingLimitEurAsync(customer.Id, customer.KycLevel, cancellationToken);
        var floatAvailable = await quoting.FloatAvailableAsync(offer.CurrencyTo, cancellationToken);
        var facts = quoting.Facts(offer, card, customer.KycLevel, balance, remaining, floatAvailable) with { OfferExpired = false };
        var from = quoting.Currency(offer.CurrencyFrom);
        return OfferResponse.From(offer, quoting.Payout.OfferValidSeconds, ExecutionChecks.FailingReasons(facts), remaining, from);
    }

    private static decimal FeeOf(PricedOffer priced, string type) =>
        priced.Fees.Where(line => line.Type == type).Sum(line => line.Value);
}
