using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Pricing;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Features.Offers;

/// <summary><c>GET /v4/payout/data</c>: fees, pairs at current rates, and the customer's cards with their limits (spec §6).</summary>
public static class GetPayoutData
{
    public sealed record Response(FeesResponse Fees, IReadOnlyList<CardLimits> Cards, IReadOnlyList<PairResponse> Pairs, int ValidSeconds);

    /// <summary>Vault's names: <c>rate</c> is the spread, <c>crypteriumGas</c> the network fee.</summary>
    public sealed record FeesResponse(decimal Rate, decimal FixFee, decimal PartnerFee, decimal AdditionalFee, decimal CrypteriumGas, decimal TransactionFee);

    public sealed record CardLimits(long CardId, string CardType, string MaskedPan, string ValidationStatus, IReadOnlyList<PairLimits> PairsLimits);

    public sealed record PairLimits(string CurrencyFrom, string CurrencyTo, decimal MinAmountFrom, decimal MaxAmountFrom, decimal AllAmountFrom);

    public sealed record PairResponse(
        decimal Rate, string CurrencyFrom, string CurrencyTo, int AmountScaleFrom, int AmountScaleTo,
        decimal DefaultMinAmountFrom, decimal DefaultMaxAmountFrom, decimal DefaultMaxAmountAll);

    /// <summary>A pair without a fresh rate is left out; when no pair has one, the answer is 503.</summary>
    [ProducesError(ErrorCode.RATE_UNAVAILABLE)]
    public static async Task<Results<Ok<Response>, ApiError>> HandleAsync(
        CurrentCustomer customer, Quoting quoting, QuoteReads reads, TimeProvider clock, CancellationToken cancellationToken)
    {
        var quotes = new List<(PairQuote Quote, decimal AllAmountFrom)>();
        var facts = await reads.DataAsync(customer.Id, quoting.LimitWindowStart(), cancellationToken);
        var remaining = quoting.RemainingLimitEur(customer.KycLevel, facts.UsedLimitEur);
        var balances = facts.Balances;
        foreach (var (from, to) in quoting.Pairs)
        {
            if (await quoting.QuoteAsync(from, to, cancellationToken) is not { } quote)
            {
                continue;
            }

            var balance = balances.GetValueOrDefault(from.Code);
            var all = OfferPricing.AllAmountFrom(balance, from, to, quote.Rate.Value, quoting.Fees, quote.Bounds, remaining, quote.EurPerTarget);
            quotes.Add((quote, all));
        }

        if (quotes.Count == 0)
        {
            return new ApiError(ErrorCode.RATE_UNAVAILABLE, "No fresh rates right now; try again shortly.");
        }

        var now = clock.GetUtcNow();
        return TypedResults.Ok(new Response(
            FeesOf(quoting.Fees),
            facts.Cards.Select(card => LimitsOf(card, quotes, card.Standing.CanReceiveAt(now))).ToList(),
            quotes.Select(q => PairOf(q.Quote, q.AllAmountFrom)).ToList(),
            quoting.Payout.DataValidSeconds));
    }

    private static FeesResponse FeesOf(FeeOptions fees) =>
        new(fees.Spread, fees.FixFee, fees.PartnerFee, fees.AdditionalFee, fees.NetworkFee, fees.TransactionFee);

    private static CardLimits LimitsOf(QuoteReads.ListedCard card, List<(PairQuote Quote, decimal AllAmountFrom)> quotes, bool canReceive) => new(
        card.Id,
        card.CardType,
        card.MaskedPan,
        card.ValidationStatus.ToString(),
        quotes.Select(q => new PairLimits(
            q.Quote.From.Code, q.Quote.To.Code, q.Quote.Bounds.MinAmountFrom, q.Quote.Bounds.MaxAmountFrom,
            canReceive ? q.AllAmountFrom : 0m)).ToList());

    private static PairResponse PairOf(PairQuote quote, decimal allAmountFrom) => new(
        quote.Rate.Value, quote.From.Code, quote.To.Code, quote.From.Scale, quote.To.Scale,
        quote.Bounds.MinAmountFrom, quote.Bounds.MaxAmountFrom, allAmountFrom);
}
