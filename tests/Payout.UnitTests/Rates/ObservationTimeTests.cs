using Payout.Api.Features.Rates.Exchanges;

namespace Payout.UnitTests.Rates;

public sealed class ObservationTimeTests
{
    private static readonly DateTimeOffset Arrived = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_answer_without_a_time_is_observed_when_it_arrived() =>
        Assert.Equal(Arrived, ExchangeRatePoller.ObservedAt(null, Arrived));

    [Fact]
    public void The_exchanges_own_time_is_kept_when_it_is_earlier() =>
        Assert.Equal(Arrived.AddSeconds(-42), ExchangeRatePoller.ObservedAt(Arrived.AddSeconds(-42), Arrived));

    [Fact]
    public void An_exchange_clock_ahead_of_ours_is_cut_to_the_arrival() =>
        Assert.Equal(Arrived, ExchangeRatePoller.ObservedAt(Arrived.AddMinutes(5), Arrived));
}
