using System.Diagnostics.Metrics;

namespace Payout.Api.Infrastructure.Observability;

/// <summary>
/// A gauge a feature reports from its own data when a scrape asks (payouts in flight, rate ages). Each is created
/// on the <see cref="PayoutMetrics.MeterName"/> meter when <see cref="PayoutMetrics"/> is built.
/// </summary>
public interface IBusinessGauge
{
    void Register(Meter meter);
}
