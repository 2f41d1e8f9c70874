using System.Diagnostics.Metrics;
using Payout.Api.Domain.Payouts;

namespace Payout.Api.Infrastructure.Observability;

/// <summary>
/// The business metrics, on the <c>Payout</c> meter (Prometheus names in brackets):
/// <list type="bullet">
/// <item><c>payout.offers.created</c> [<c>payout_offers_created_total</c>]: quotes made.</item>
/// <item><c>payout.payouts</c> [<c>payout_payouts_total{status}</c>]: payouts entering a status — <c>PENDING</c>
/// when executed, then <c>SUCCESS</c> or <c>FAILED</c> when settled. <c>PENDING</c> counts executes, so the
/// quote-to-execute conversion is <c>rate(payout_payouts_total{status="PENDING"}) / rate(payout_offers_created_total)</c>.</item>
/// <item><c>payout.slippage.band</c> [<c>payout_slippage_band_total{outcome}</c>]: the slippage band's decisions on
/// expired offers at execute — <c>fresh_rate</c>, <c>locked_rate</c> (the house pays the difference), <c>outside_band</c>,
/// <c>cap_reached</c>.</item>
/// <item><c>payout.settlement.batch.size</c> [<c>payout_settlement_batch_size</c>]: payouts settled together in one
/// transaction after their dispatch from a request (group commit; 1 when nothing else was waiting).</item>
/// <item><c>payout.execute.batch.size</c> [<c>payout_execute_batch_size</c>]: executes taken together for one debit
/// transaction on PostgreSQL (group commit; 1 when nothing else was waiting).</item>
/// <item>the gauges the features report (<see cref="IBusinessGauge"/>): <c>payout.payouts.in_flight</c>
/// [<c>payout_payouts_in_flight</c>] and <c>payout.rates.age</c> [<c>payout_rates_age_seconds{currency_from,currency_to}</c>].</item>
/// </list>
/// Made through <see cref="IMeterFactory"/>, so each host (and each test app) has its own meter.
/// A gauge read that fails reports nothing (the series goes absent) rather than a made-up zero.
/// </summary>
public sealed class PayoutMetrics
{
    public const string MeterName = "Payout";

    public const string SlippageFreshRate = "fresh_rate";
    public const string SlippageLockedRate = "locked_rate";
    public const string SlippageOutsideBand = "outside_band";
    public const string SlippageCapReached = "cap_reached";

    private readonly Counter<long> offersCreated;
    private readonly Counter<long> payouts;
    private readonly Counter<long> slippageBand;
    private readonly Histogram<int> settlementBatch;
    private readonly Histogram<int> executeBatch;

    public PayoutMetrics(IMeterFactory meters, IEnumerable<IBusinessGauge> gauges)
    {
        var meter = meters.Create(MeterName);
        offersCreated = meter.CreateCounter<long>("payout.offers.created", "{offer}", "Offers created (quotes).");
        payouts = meter.CreateCounter<long>(
            "payout.payouts", "{payout}", "Payouts entering a status: PENDING when executed, then SUCCESS or FAILED.");
        slippageBand = meter.CreateCounter<long>(
            "payout.slippage.band", "{decision}", "The slippage band's decisions on expired offers at execute, by outcome.");
        settlementBatch = meter.CreateHistogram(
            "payout.settlement.batch.size", "{payout}", "Payouts settled together in one transaction after their dispatch from a request.",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32] });
        executeBatch = meter.CreateHistogram(
            "payout.execute.batch.size", "{payout}", "Executes taken together for one debit transaction (PostgreSQL).",
            tags: null, advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32] });
        foreach (var gauge in gauges)
        {
            gauge.Register(meter);
        }
    }

    public void OfferCreated() => offersCreated.Add(1);

    public void PayoutEntered(PayoutStatus status) =>
        payouts.Add(1, new KeyValuePair<string, object?>("status", status.ToString()));

    public void SettlementBatched(int payouts) => settlementBatch.Record(payouts);

    public void DebitBatched(int executes) => executeBatch.Record(executes);

    public void SlippageBandDecided(string outcome) => slippageBand.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
