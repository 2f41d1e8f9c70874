using Microsoft.Extensions.Options;
using Payout.Api.Domain.Limits;
using Payout.Api.Domain.Pricing;
using Payout.Api.Features.Offers;
using Payout.Api.Infrastructure.Observability;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// The slippage band at execute, inside its transaction: an expired offer with a band is priced again at the fresh rate,
/// and executes — re-priced whole at the rate the band gives (<see cref="SlippageBand"/>) — when that rate is within the band
/// and, if it costs the house anything, within the exposure cap. Otherwise the offer has expired, and the answer says the
/// rate now.
/// </summary>
public sealed class SlippageRepricer(
    PayoutDbContext db, Quoting quoting, SlippageExposure exposure, IOptions<SlippageOptions> options, TimeProvider clock, PayoutMetrics metrics)
{
    public async Task<OfferExpiry> CheckExpiryAsync(Offer offer, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!offer.IsExpiredAt(now))
        {
            return OfferExpiry.Executable;
        }

        var (from, to) = (quoting.Currency(offer.CurrencyFrom), quoting.Currency(offer.CurrencyTo));
        if (offer.MaxSlippage <= 0 || await quoting.QuoteAsync(from, to, cancellationToken) is not { } quote)
        {
            return new OfferExpiry(true, null);
        }

        var decision = SlippageBand.Decide(offer.Rate, quote.Rate.Value, offer.MaxSlippage);
        if (decision.RateUsed is not { } rateUsed)
        {
            metrics.SlippageBandDecided(PayoutMetrics.SlippageOutsideBand);
            return new OfferExpiry(true, decision.FreshRate);
        }

        var exposureEur = KycLimits.ToEur(SlippageBand.ExposureInFiat(offer.Amount, to, decision), to, quote.EurPerTarget);
        var settings = options.Value;
        if (exposureEur > 0
            && !SlippageBand.FitsUnderCap(await exposure.TakenSinceWithLockAsync(now - settings.ExposureWindow, cancellationToken), exposureEur, settings.MaxExposureEur))
        {
            metrics.SlippageBandDecided(PayoutMetrics.SlippageCapReached);
            return new OfferExpiry(true, decision.FreshRate);
        }

        var priced = OfferPricing.Price(offer.Amount, from, to, rateUsed, quoting.Fees);
        var bounds = OfferPricing.Bounds(quoting.Payout.BoundsFor(from.Code, to.Code), from, rateUsed);
        // Execute reads the offer untracked (nothing else changes it through the context): tracked from here, its new figures
        // are saved with the debit, and a refusal's clearing of the context drops them.
        db.Attach(offer);
        offer.Reprice(priced, bounds, KycLimits.ToEur(priced.AmountTo, to, quote.EurPerTarget), now);
        exposure.Add(new SlippageExecution
        {
            OfferId = offer.Id, LockedRate = decision.LockedRate, FreshRate = decision.FreshRate, RateUsed = rateUsed, ExposureEur = exposureEur,
            CreatedAt = now,
        });
        metrics.SlippageBandDecided(decision.KeepsLockedRate ? PayoutMetrics.SlippageLockedRate : PayoutMetrics.SlippageFreshRate);
        return OfferExpiry.Executable;
    }
}
