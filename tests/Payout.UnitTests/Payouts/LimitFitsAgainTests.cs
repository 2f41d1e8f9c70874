using CsCheck;
using Payout.Api.Domain;
using Payout.Api.Domain.Limits;

namespace Payout.UnitTests.Payouts;

/// <summary>
/// <see cref="KycLimits.FitsAgainAt"/>: when a payout the limit refuses now fits again, as the same check execute runs
/// (<see cref="KycLimits.UsedAt"/>, <see cref="KycLimits.RemainingEur"/>, <see cref="KycLimits.IsWithinLimit"/>) sees it.
/// </summary>
public sealed class LimitFitsAgainTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A window, a KYC_1 limit, the payouts in it (any time inside it, to the tick), now, and a payout that fits the limit.</summary>
    private static readonly Gen<Scenario> Scenarios =
        Gen.Select(Gen.Int[1, 30], Gen.Long[100, 3_200_000], Gen.Long[0, 3_600_000_000L])
            .SelectMany((days, limitCents, offsetMs) =>
            {
                var now = Now.AddMilliseconds(offsetMs).AddTicks(offsetMs % TimeSpan.TicksPerMillisecond);
                var window = TimeSpan.FromDays(days);
                var payout = Gen.Select(Gen.Long[1, limitCents], Gen.Long[0, window.Ticks])
                    .Select((cents, age) => new CountedPayout(cents / 100m, now - TimeSpan.FromTicks(age)));
                return Gen.Select(payout.Array[0, 12], Gen.Long[1, limitCents])
                    .Select((payouts, amountCents) => new Scenario(Options(days, limitCents / 100m), now, payouts, amountCents / 100m));
            });

    [Fact]
    public void At_the_instant_given_the_payout_passes_and_one_second_before_it_does_not() =>
        Scenarios.Where(s => !s.FitsAt(s.Now)).Sample(s =>
        {
            var at = Assert.NotNull(KycLimits.FitsAgainAt(s.Payouts, s.AmountEur, KycLevel.KYC_1, s.Now, s.Options));

            Assert.True(at > s.Now, $"{at:O} is not after {s.Now:O}");
            Assert.Equal(0, at.UtcTicks % TimeSpan.TicksPerSecond);
            Assert.True(s.FitsAt(at), $"does not fit at {at:O}");
            Assert.False(s.FitsAt(at.AddSeconds(-1)), $"already fits at {at.AddSeconds(-1):O}");
        });

    [Fact]
    public void Once_it_fits_it_keeps_fitting_while_nothing_new_is_paid_out() =>
        Gen.Select(Scenarios.Where(s => !s.FitsAt(s.Now)), Gen.Long[0, TimeSpan.FromDays(60).Ticks]).Sample((s, later) =>
        {
            var at = KycLimits.FitsAgainAt(s.Payouts, s.AmountEur, KycLevel.KYC_1, s.Now, s.Options)!.Value;
            Assert.True(s.FitsAt(at + TimeSpan.FromTicks(later)));
        });

    [Fact]
    public void A_payout_that_fits_now_fits_now() =>
        Scenarios.Where(s => s.FitsAt(s.Now)).Sample(s =>
            Assert.Equal(s.Now, KycLimits.FitsAgainAt(s.Payouts, s.AmountEur, KycLevel.KYC_1, s.Now, s.Options)));

    [Fact]
    public void A_payout_larger_than_the_whole_limit_never_fits_by_waiting()
    {
        var options = Options(30, 100m);
        Assert.Null(KycLimits.FitsAgainAt([], 100.01m, KycLevel.KYC_1, Now, options));
        Assert.Null(KycLimits.FitsAgainAt([], 25m, KycLevel.KYC_0, Now, new PayoutOptions()));
    }

    [Fact]
    public void The_payout_whose_leaving_makes_room_decides_and_it_counts_to_the_end_of_its_window()
    {
        // Limit 100: 60 EUR at 09:00:00.250 and 30 EUR at 10:00; 20 EUR more does not fit (90 used, 10 left).
        // Without the 60 it does (30 used): the 60 counts through 09:00:00.250 thirty days later, so 09:00:01 is the answer.
        var options = Options(30, 100m);
        var first = new CountedPayout(60m, Now.AddHours(-3).AddMilliseconds(250));
        var second = new CountedPayout(30m, Now.AddHours(-2));

        var at = KycLimits.FitsAgainAt([second, first], 20m, KycLevel.KYC_1, Now, options);

        Assert.Equal(new DateTimeOffset(2026, 12, 23, 9, 0, 1, TimeSpan.Zero), at);
        Assert.Equal(90m, KycLimits.UsedAt([first, second], new DateTimeOffset(2026, 12, 23, 9, 0, 0, 250, TimeSpan.Zero), options));
        Assert.Equal(30m, KycLimits.UsedAt([first, second], at!.Value, options));
    }

    [Fact]
    public void A_payout_exactly_on_a_whole_second_still_counts_at_that_second_and_leaves_one_second_later()
    {
        var options = Options(30, 100m);
        var only = new CountedPayout(90m, Now.AddDays(-1));

        var at = KycLimits.FitsAgainAt([only], 20m, KycLevel.KYC_1, Now, options);

        Assert.Equal(only.CreatedAt.AddDays(30).AddSeconds(1), at);
        Assert.Equal(90m, KycLimits.UsedAt([only], only.CreatedAt.AddDays(30), options));
    }

    private static PayoutOptions Options(int days, decimal limitEur)
    {
        var options = new PayoutOptions { LimitWindowDays = days };
        options.KycLimitsEur[KycLevel.KYC_1] = limitEur;
        return options;
    }

    private sealed record Scenario(PayoutOptions Options, DateTimeOffset Now, CountedPayout[] Payouts, decimal AmountEur)
    {
        /// <summary>The execute check at <paramref name="at"/>, over the same payouts.</summary>
        public bool FitsAt(DateTimeOffset at) => KycLimits.IsWithinLimit(
            AmountEur, KycLimits.RemainingEur(KycLevel.KYC_1, KycLimits.UsedAt(Payouts, at, Options), Options));

        public override string ToString() =>
            $"limit {Options.KycLimitsEur[KycLevel.KYC_1]} over {Options.LimitWindowDays} days at {Now:O}, amount {AmountEur}, payouts "
            + string.Join(", ", Payouts.Select(p => $"{p.AmountEur}@{p.CreatedAt:O}"));
    }
}
