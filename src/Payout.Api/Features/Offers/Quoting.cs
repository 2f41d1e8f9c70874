using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Domain;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Limits;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Payouts;
using Payout.Api.Domain.Pricing;
using Payout.Api.Domain.Rates;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Rates;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Offers;

/// <summary>
/// The facts every quote needs — supported pairs, fresh rates, bounds, balances, the remaining KYC limit —
/// read in one place so /data, offers and execute can never disagree about them. The rules that use them are
/// in the domain (pricing, limits, execution checks).
/// </summary>
public sealed class Quoting(
    IRateSource rates,
    CurrencyCatalog currencies,
    IKycLimitUsage limitUsage,
    IOptions<FeeOptions> fees,
    IOptions<PayoutOptions> payout,
    IOptions<RatesOptions> rateOptions,
    LimitReferenceRate limitReference,
    QuoteReads reads,
    PayoutDbContext db,
    TimeProvider clock)
{
    public FeeOptions Fees => fees.Value;

    public PayoutOptions Payout => payout.Value;

    public RatesOptions Rates => rateOptions.Value;

    /// <summary>Every crypto → fiat pair with a configured rate.</summary>
    public IEnumerable<(Currency From, Currency To)> Pairs => Rates.QuotedPairs(currencies);

    public Currency Currency(string code) => currencies.Get(code);

    public bool TryGetPair(string? from, string? to, out Currency fromCurrency, out Currency toCurrency)
    {
        var known = currencies.TryGet(from, out fromCurrency) & currencies.TryGet(to, out toCurrency);
        return known
            && fromCurrency.Kind == CurrencyKind.Crypto
            && toCurrency.Kind == CurrencyKind.Fiat
            && Rates.MarketRateFor(fromCurrency.Code, toCurrency.Code) is not null;
    }

    /// <returns>Null when no fresh rate is known: the caller answers 503 RATE_UNAVAILABLE.</returns>
    public async Task<PairQuote?> QuoteAsync(Currency from, Currency to, CancellationToken cancellationToken)
    {
        var rate = await rates.GetCustomerRateAsync(from.Code, to.Code, Fees.Spread, Rates.MaxAge, clock.GetUtcNow(), cancellationToken);
        var eurPerTarget = await limitReference.EurPerUnitAsync(to, cancellationToken);
        if (rate is null || eurPerTarget is null)
        {
            return null;
        }

        var bounds = OfferPricing.Bounds(Payout.BoundsFor(from.Code, to.Code), from, rate.Value);
        return new PairQuote(from, to, rate, bounds, eurPerTarget.Value);
    }

    /// <summary>
    /// Keeps one connection open for the quote's reads until disposed: each query would otherwise take a connection
    /// from the pool and give it back (on SQLite an open and a close of the file each time).
    /// </summary>
    public async Task<IAsyncDisposable> ShareConnectionAsync(CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new SharedConnection(db);
    }

    /// <summary>What the customer's payouts in the rolling window hold of the KYC limit, in EUR.</summary>
    public Task<decimal> UsedLimitEurAsync(long customerId, CancellationToken cancellationToken) =>
        reads.UsedLimitAsync(customerId, LimitWindowStart(), cancellationToken);

    /// <summary>Where the rolling window of the KYC limit starts now: payouts created since then count.</summary>
    public DateTimeOffset LimitWindowStart() => KycLimits.WindowStart(clock.GetUtcNow(), Payout);

    /// <summary>
    /// The KYC limit left, from what the window's payouts hold (<see cref="UsedLimitEurAsync"/>): payouts that succeeded or
    /// are still in flight count; failed ones gave their share back.
    /// </summary>
    public decimal RemainingLimitEur(KycLevel level, decimal usedEur) => KycLimits.RemainingEur(level, usedEur, Payout);

    /// <summary>
    /// What clears each of the <paramref name="failing"/> checks of <paramref name="offer"/> (<see cref="ExecutionRemedies"/>).
    /// The customer's counted payouts are read (one indexed query) only when the limit is among them.
    /// </summary>
    public async Task<IReadOnlyList<Failure>> ExplainAsync(
        IReadOnlyList<ErrorCode> failing, ExecutionFacts facts, Offer offer, long customerId, CancellationToken cancellationToken)
    {
        if (failing.Count == 0)
        {
            return [];
        }

        var now = clock.GetUtcNow();
        DateTimeOffset? fitsAgainAt = null;
        if (failing.Contains(ErrorCode.LIMIT_EXCEEDED))
        {
            var counted = await limitUsage.CountedSinceAsync(customerId, KycLimits.WindowStart(now, Payout), cancellationToken);
            fitsAgainAt = KycLimits.FitsAgainAt(counted, offer.AmountToEur, facts.KycLevel, now, Payout);
        }

        var refusal = new RefusalFacts(Currency(offer.CurrencyFrom), now, fitsAgainAt, Payout.FloatRetryAfter);
        return [.. failing.Select(code => ExecutionRemedies.Explain(code, facts, refusal))];
    }

    /// <summary>
    /// Everything execute checks, as facts for <see cref="ExecutionChecks"/>: the wallet, the KYC limit used and the float
    /// read now, in one round trip (inside the caller's transaction when there is one).
    /// </summary>
    public async Task<ExecutionFacts> FactsAsync(Offer offer, Card card, long customerId, KycLevel level, CancellationToken cancellationToken)
    {
        var read = await reads.OfferAsync(customerId, offer.CurrencyFrom, offer.CurrencyTo, LimitWindowStart(), cancellationToken);
        return Facts(offer, card, level, read);
    }

    /// <summary>The facts of <see cref="FactsAsync"/> from values already read (execute reads them with its lock on PostgreSQL).</summary>
    public ExecutionFacts Facts(Offer offer, Card card, KycLevel level, QuoteReads.OfferFacts read)
    {
        var now = clock.GetUtcNow();
        var standing = card.Standing;
        return new ExecutionFacts(
            level,
            offer.IsExpiredAt(now),
            standing.IsApproved,
            standing.IsExpiredAt(now),
            card.BillingAddress is not null,
            offer.Amount,
            new CryptoBounds(offer.MinAmountFrom, offer.MaxAmountFrom),
            read.Balance,
            offer.TotalDebited,
            offer.AmountToEur,
            RemainingLimitEur(level, read.UsedLimitEur),
            read.FloatAvailable >= offer.AmountTo);
    }

    /// <summary>
    /// Stores the new <paramref name="offer"/> (<paramref name="insert"/>, its id set from the answer), then its facts as
    /// <see cref="FactsAsync"/> reads them: on PostgreSQL in one round trip.
    /// </summary>
    public async Task<ExecutionFacts> InsertThenFactsAsync(
        Offer offer, SqlStatement insert, Card card, long customerId, KycLevel level, CancellationToken cancellationToken)
    {
        var (id, read) = await reads.InsertThenReadOfferAsync(insert, customerId, offer.CurrencyFrom, offer.CurrencyTo, LimitWindowStart(), cancellationToken);
        offer.Id = id;
        return Facts(offer, card, level, read);
    }

    private sealed class SharedConnection(PayoutDbContext db) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => new(db.Database.CloseConnectionAsync());
    }
}
