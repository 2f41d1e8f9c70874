using System.Diagnostics.Metrics;
using Payout.Api.Features.Payouts;

namespace Payout.Api.Infrastructure.Observability;

/// <summary>
/// The business metrics, on the <c>Payout</c> meter (Prometheus names in brackets):
/// <list type="bullet">
/// <item><c>payout.offers.created</c> [<c>payout_offers_created_total</c>]: quotes made.</item>
/// <item><c>payout.payouts</c> [<c>payout_payouts_total{status}</c>]: payouts entering a status — <c>PENDING</c>
/// when executed, then <c>SUCCESS</c> or <c>FAILED</c> when settled. <c>PENDING</c> counts executes, so the
/// quote-to-execute conversion is <c>rate(payout_payouts_total{status="PENDING"}) / rate(payout_offers_created_total)</c>.</item>
/// <item><c>payout.payouts.in_flight</c> [<c>payout_payouts_in_flight</c>]: payouts still <c>PENDING</c> (from the database).</item>
/// <item><c>payout.rates.age</c> [<c>payout_rates_age_seconds{currency_from,currency_to}</c>]: age of the newest
/// rate the rate source has for each pair.</item>
/// </list>
/// Made through <see cref="IMeterFactory"/>, so each host (and each test app) has its own meter.
/// </summary>
public sealed class PayoutMetrics
{
    public const string MeterName = "Payout";

    private readonly Counter<long> offersCreated;
    private readonly Counter<long> payouts;

    public PayoutMetrics(IMeterFactory meters, BusinessGauges gauges)
    {
        var meter = meters.Create(MeterName);
        offersCreated = meter.CreateCounter<long>("payout.offers.created", "{offer}", "Offers created (quotes).");
        payouts = meter.CreateCounter<long>(
            "payout.payouts", "{payout}", "Payouts entering a status: PENDING when executed, then SUCCESS or FAILED.");
        meter.CreateObservableGauge(
            "payout.payouts.in_flight", gauges.PayoutsInFlight, "{payout}", "Payouts still PENDING (read at most every few seconds).");
        meter.CreateObservableGauge(
            "payout.rates.age", gauges.RateAges, "s", "Age of the newest rate of each pair, in seconds.");
    }

    public void OfferCreated() => offersCreated.Add(1);

    public void PayoutEntered(PayoutStatus status) =>
        payouts.Add(1, new KeyValuePair<string, object?>("status", status.ToString()));
}
