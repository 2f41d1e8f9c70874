using CsCheck;
using Payout.Api.Domain.Rates;
using Payout.UnitTests.Support;

namespace Payout.UnitTests.Rates;

/// <summary>
/// The rule that makes one rate out of several exchanges' prices: fresh ones only, outliers beyond the band
/// of the median dropped, at least N agreeing, median of those, observed at the oldest of them.
/// </summary>
public sealed class MedianConsensusTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);
    private static readonly ConsensusRules TwoPercentOfTwo = new(MaxAge, 2m, 2);

    private static readonly Gen<decimal> Bands = Gen.OneOf(0.5m, 1m, 2m, 5m, 10m);

    private static readonly Gen<ConsensusRules> Rules =
        Gen.Select(Bands, Gen.Int[2, 3]).Select((band, minimum) => new ConsensusRules(MaxAge, band, minimum));

    /// <summary>Ages from just now to twice the max age, so about half are stale.</summary>
    private static readonly Gen<ExchangeObservation> Observations =
        Gen.Select(Gen.Int[0, 9], PricingGens.Rates, Gen.Int[0, 120_000])
            .Select((exchange, price, ageMs) => new ExchangeObservation($"exchange{exchange}", price, Now.AddMilliseconds(-ageMs)));

    /// <summary>Prices around one market: within ±25 % of a centre, so some agree and some do not.</summary>
    private static readonly Gen<List<ExchangeObservation>> Markets =
        Gen.Select(PricingGens.Rates, Gen.Select(Gen.Int[-2_500, 2_500], Gen.Int[0, 90_000]).List[0, 7])
            .Select((centre, quotes) => quotes
                .Select((quote, i) => new ExchangeObservation($"exchange{i}", centre * (1 + quote.Item1 / 10_000m), Now.AddMilliseconds(-quote.Item2)))
                .ToList());

    private static ExchangeObservation At(string exchange, decimal price, int secondsAgo = 0) => new(exchange, price, Now.AddSeconds(-secondsAgo));

    [Fact]
    public void Four_honest_exchanges_make_the_mean_of_their_two_middle_prices()
    {
        var consensus = MedianConsensus.Decide(
            [At("kraken", 86_000m, 3), At("coinbase", 86_086m, 1), At("bitstamp", 86_258m), At("binance", 86_344m, 2)], TwoPercentOfTwo, Now);

        Assert.Equal(ConsensusOutcome.Agreed, consensus.Outcome);
        Assert.Equal(86_172m, consensus.Value);
        Assert.Equal(Now.AddSeconds(-3), consensus.ObservedAt);
        Assert.Empty(consensus.Outliers);
    }

    [Fact]
    public void An_exchange_20_percent_off_is_dropped_and_the_others_median_is_the_rate()
    {
        var consensus = MedianConsensus.Decide(
            [At("kraken", 86_000m), At("coinbase", 86_086m), At("bitstamp", 86_258m), At("binance", 103_612.8m)], TwoPercentOfTwo, Now);

        Assert.Equal(86_086m, consensus.Value);
        Assert.Equal("binance", Assert.Single(consensus.Outliers).Exchange);
    }

    [Fact]
    public void A_price_exactly_at_the_band_is_kept_and_one_a_unit_beyond_it_is_dropped()
    {
        // Median of 98, 100, 102 is 100; 102 is exactly 2 % off.
        Assert.Empty(MedianConsensus.Decide([At("a", 98m), At("b", 100m), At("c", 102m)], TwoPercentOfTwo, Now).Outliers);
        Assert.Equal("c", Assert.Single(MedianConsensus.Decide([At("a", 98m), At("b", 100m), At("c", 102.00000001m)], TwoPercentOfTwo, Now).Outliers).Exchange);
    }

    [Fact]
    public void Two_exchanges_agree_up_to_twice_the_band_apart()
    {
        // 100 and 104: each 1.96 % from their median 102. 100 and 105: each 2.44 % from 102.5.
        Assert.True(MedianConsensus.Decide([At("a", 100m), At("b", 104m)], TwoPercentOfTwo, Now).IsAgreed);

        var apart = MedianConsensus.Decide([At("a", 100m), At("b", 105m)], TwoPercentOfTwo, Now);
        Assert.Equal(ConsensusOutcome.Disagreeing, apart.Outcome);
        Assert.Equal(2, apart.Outliers.Count);
    }

    [Fact]
    public void One_fresh_exchange_is_not_enough_and_a_price_exactly_max_age_old_still_counts()
    {
        Assert.Equal(ConsensusOutcome.TooFewFresh, MedianConsensus.Decide([At("a", 100m), At("b", 100m, 61)], TwoPercentOfTwo, Now).Outcome);
        Assert.True(MedianConsensus.Decide([At("a", 100m), At("b", 100m, 60)], TwoPercentOfTwo, Now).IsAgreed);
    }

    [Fact]
    public void Stale_observations_change_nothing() =>
        Gen.Select(Markets, Observations.List[0, 4], Rules).Sample((market, extra, rules) =>
        {
            var stale = extra.Select(o => o with { ObservedAt = Now - rules.MaxAge - TimeSpan.FromTicks(1 + (Now - o.ObservedAt).Ticks) });
            var with = MedianConsensus.Decide(market.Concat(stale), rules, Now);
            var without = MedianConsensus.Decide(market, rules, Now);
            Assert.Equal((without.Outcome, without.Value, without.ObservedAt), (with.Outcome, with.Value, with.ObservedAt));
            Assert.Equal(without.Agreeing, with.Agreeing);
        });

    [Fact]
    public void The_order_the_exchanges_answered_in_does_not_matter() =>
        Gen.Select(Markets, Rules, Gen.Int).Sample((market, rules, seed) =>
        {
            var random = new Random(seed);
            var shuffled = market.OrderBy(_ => random.Next()).ToList();
            var first = MedianConsensus.Decide(market, rules, Now);
            var second = MedianConsensus.Decide(shuffled, rules, Now);
            Assert.Equal((first.Outcome, first.Value, first.ObservedAt), (second.Outcome, second.Value, second.ObservedAt));
        });

    [Fact]
    public void An_agreed_rate_is_the_median_of_enough_fresh_prices_inside_the_band_and_as_old_as_the_oldest() =>
        Gen.Select(Markets, Rules).Sample((market, rules) =>
        {
            var consensus = MedianConsensus.Decide(market, rules, Now);
            var fresh = market.Where(o => Now - o.ObservedAt <= rules.MaxAge).ToList();
            Assert.Equal(fresh.Count < rules.MinAgreeing, consensus.Outcome == ConsensusOutcome.TooFewFresh);
            if (!consensus.IsAgreed)
            {
                return;
            }

            var median = MedianConsensus.Median(fresh.Select(o => o.Price));
            Assert.True(consensus.Agreeing.Count >= rules.MinAgreeing);
            Assert.All(consensus.Agreeing, o => Assert.True(MedianConsensus.IsWithinBand(o.Price, median, rules.OutlierPercent)));
            Assert.All(consensus.Outliers, o => Assert.False(MedianConsensus.IsWithinBand(o.Price, median, rules.OutlierPercent)));
            Assert.Equal(fresh.Count, consensus.Agreeing.Count + consensus.Outliers.Count);
            Assert.Equal(MedianConsensus.Median(consensus.Agreeing.Select(o => o.Price)), consensus.Value);
            Assert.InRange(consensus.Value, consensus.Agreeing.Min(o => o.Price), consensus.Agreeing.Max(o => o.Price));
            Assert.Equal(consensus.Agreeing.Min(o => o.ObservedAt), consensus.ObservedAt);
            Assert.True(Now - consensus.ObservedAt <= rules.MaxAge);
        });

    [Fact]
    public void One_liar_among_honest_exchanges_is_dropped_and_moves_the_rate_not_at_all() =>
        Gen.Select(PricingGens.Rates, Bands, Gen.Int[-100, 100].List[2, 6], Gen.Select(Gen.Int[3, 50], Gen.Bool))
            .Sample((centre, band, offsets, lie) =>
            {
                // Honest prices within a quarter of the band of the centre; the liar 3 to 50 bands away, either side.
                var honest = offsets.Select((k, i) => At($"honest{i}", centre * (1 + k * band / 40_000m))).ToList();
                var liesBy = Math.Min(0.9m, lie.Item1 * band / 100m);
                var liar = At("liar", centre * (lie.Item2 ? 1 + liesBy : 1 - liesBy));

                var consensus = MedianConsensus.Decide([.. honest, liar], new ConsensusRules(MaxAge, band, 2), Now);

                Assert.Equal(ConsensusOutcome.Agreed, consensus.Outcome);
                Assert.Equal(MedianConsensus.Median(honest.Select(o => o.Price)), consensus.Value);
                Assert.Equal(liar, Assert.Single(consensus.Outliers));
            });

    [Fact]
    public void Exchanges_quoting_the_same_price_agree_on_it() =>
        Gen.Select(PricingGens.Rates, Gen.Int[2, 6], Rules).Sample((price, count, rules) =>
        {
            var consensus = MedianConsensus.Decide(Enumerable.Range(0, count).Select(i => At($"e{i}", price)), rules, Now);
            Assert.Equal(count >= rules.MinAgreeing, consensus.IsAgreed);
            if (consensus.IsAgreed)
            {
                Assert.Equal(price, consensus.Value);
            }
        });

    [Fact]
    public void The_median_has_as_many_values_above_as_below_it() =>
        PricingGens.Rates.List[1, 9].Sample(values =>
        {
            var median = MedianConsensus.Median(values);
            Assert.True(values.Count(v => v < median) <= values.Count / 2);
            Assert.True(values.Count(v => v > median) <= values.Count / 2);
            Assert.True(values.Count % 2 == 0 || values.Contains(median), "an odd count's median is one of the values");
        });
}
