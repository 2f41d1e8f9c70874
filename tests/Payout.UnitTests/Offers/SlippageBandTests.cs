using CsCheck;
using Payout.Api.Domain.Pricing;
using Payout.UnitTests.Support;

namespace Payout.UnitTests.Offers;

public sealed class SlippageBandTests
{
    private static readonly Gen<decimal> Bands = Gen.Int[0, 200].Select(basisPoints => basisPoints / 10_000m);

    [Fact]
    public void An_honoured_band_never_pays_below_the_locked_rate_and_uses_the_better_rate() =>
        Gen.Select(PricingGens.Rates, Gen.Int[-300, 300], Bands).Sample((locked, moveBasisPoints, band) =>
        {
            // Fresh rates around the locked one, so both sides of the band's edges are reached.
            var fresh = Math.Max(0.00000001m, Math.Round(locked * (1 + (moveBasisPoints / 10_000m)), 8));
            var decision = SlippageBand.Decide(locked, fresh, band);
            var within = band > 0 && Math.Abs(fresh - locked) <= locked * band;
            Assert.Equal(within, decision.Honoured);
            if (decision.RateUsed is { } used)
            {
                Assert.Equal(Math.Max(locked, fresh), used);
                Assert.True(used >= locked);
            }
        });

    [Theory]
    [InlineData("0.9", "0.909", "0.01", true)]     // exactly at the band's edge above: honoured, at the fresh rate
    [InlineData("0.9", "0.891", "0.01", true)]     // exactly at the edge below: honoured, at the locked rate
    [InlineData("0.9", "0.89099999", "0.01", false)] // one unit outside
    [InlineData("0.9", "0.9", "0", false)]         // no band: an expired offer has expired
    public void The_band_includes_its_edges(string locked, string fresh, string band, bool honoured)
    {
        var decision = SlippageBand.Decide(decimal.Parse(locked, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(fresh, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(band, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(honoured, decision.Honoured);
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("0.02", true)]
    [InlineData("0.0001", true)]
    [InlineData("0.02001", false)]
    [InlineData("-0.0001", false)]
    [InlineData("0.00005", false)]
    public void A_band_is_0_to_2_percent_in_basis_points(string band, bool valid) =>
        Assert.Equal(valid, SlippageBand.Problem(decimal.Parse(band, System.Globalization.CultureInfo.InvariantCulture)) is null);

    [Theory]
    [InlineData(4.99, 0, 5, true)]     // a use that costs nothing always passes, whatever was taken
    [InlineData(9, 0, 5, true)]
    [InlineData(4.99, 0.01, 5, true)]  // exactly up to the cap
    [InlineData(4.99, 0.02, 5, false)]
    public void The_cap_stops_only_uses_that_cost_the_house(double taken, double cost, double cap, bool fits) =>
        Assert.Equal(fits, SlippageBand.FitsUnderCap((decimal)taken, (decimal)cost, (decimal)cap));
}
