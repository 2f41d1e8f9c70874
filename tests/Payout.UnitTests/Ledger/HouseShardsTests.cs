using CsCheck;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Money;
using Payout.UnitTests.Support;

namespace Payout.UnitTests.Ledger;

public sealed class HouseShardsTests
{
    private static readonly Gen<int> Scales = Gen.Int[0, Currency.MaxScale];

    private static readonly Gen<int> Counts = Gen.Int[1, HouseShards.MaxCount];

    /// <summary>A non-negative amount at the given scale, up to the spec's 10^9 cap.</summary>
    private static Gen<decimal> AmountsAt(int scale) =>
        Gen.Long[0, 1_000_000_000L * (long)Math.Pow(10, scale)].Select(units => units / (decimal)Math.Pow(10, scale));

    /// <summary>Balances of a few shards (not necessarily 0 … n − 1: shards of an earlier, larger count too).</summary>
    private static readonly Gen<Dictionary<int, decimal>> FiatBalances =
        Gen.Dictionary(Gen.Int[0, 40], Gen.Long[0, 10_000_000].Select(cents => cents / 100m))[0, 20];

    [Fact]
    public void A_split_sums_exactly_to_the_total_in_parts_at_the_scale() =>
        Gen.Select(Scales, Counts).SelectMany((scale, count) => AmountsAt(scale).Select(total => (scale, count, total)))
            .Sample(t =>
            {
                var parts = HouseShards.Split(t.total, t.count, t.scale);

                Assert.Equal(t.count, parts.Count);
                Assert.Equal(t.total, parts.Sum());
                Assert.All(parts, part => Assert.True(part >= 0 && Rounding.FitsScale(part, t.scale)));
                // Every shard but 0 gets the same; shard 0 takes the remainder, less than one unit per shard.
                Assert.Single(parts.Skip(1).Distinct().DefaultIfEmpty(parts[0]));
                Assert.InRange(parts[0] - parts[^1], 0m, Rounding.Unit(t.scale) * (t.count - 1));
            });

    [Theory]
    [InlineData("100", 16, "6.25", "6.25")]
    [InlineData("100.01", 16, "6.26", "6.25")]
    [InlineData("0.15", 16, "0.15", "0")]
    [InlineData("1000", 1, "1000", "1000")]
    public void Splits_a_fiat_amount_with_the_remainder_on_shard_0(string total, int count, string first, string others)
    {
        var parts = HouseShards.Split(Dec.Parse(total), count, 2);

        Assert.Equal(Dec.Parse(first), parts[0]);
        Assert.All(parts.Skip(1), part => Assert.Equal(Dec.Parse(others), part));
    }

    [Fact]
    public void A_total_finer_than_the_scale_is_refused() =>
        Assert.Throws<ArgumentException>(() => HouseShards.Split(1.005m, 4, 2));

    [Fact]
    public void Evening_out_adds_exactly_the_top_up_and_leaves_the_shards_split_evenly() =>
        Gen.Select(FiatBalances, Gen.Long[1, 100_000_000].Select(cents => cents / 100m), Gen.Int[1, 32])
            .Sample((balances, added, count) =>
            {
                var moves = HouseShards.EvenOut(balances, added, count, 2);

                Assert.Equal(added, moves.Values.Sum());
                var after = balances.Keys.Concat(moves.Keys).Distinct()
                    .ToDictionary(shard => shard, shard => balances.GetValueOrDefault(shard) + moves.GetValueOrDefault(shard));
                Assert.Equal(HouseShards.Split(balances.Values.Sum() + added, count, 2), Enumerable.Range(0, count).Select(s => after[s]));
                Assert.All(after.Where(a => a.Key >= count), a => Assert.Equal(0m, a.Value));
            });

    [Fact]
    public void Consolidating_makes_the_target_cover_the_amount_without_taking_any_shard_below_zero() =>
        Gen.Select(FiatBalances, Gen.Int[0, 40], Gen.Long[1, 200_000_000].Select(cents => cents / 100m))
            .Sample((balances, target, needed) =>
            {
                var moves = HouseShards.Consolidate(balances, target, needed);

                if (balances.Values.Sum() < needed)
                {
                    Assert.Null(moves);
                    return;
                }

                Assert.NotNull(moves);
                var after = new Dictionary<int, decimal>(balances);
                foreach (var move in moves)
                {
                    Assert.True(move.Amount > 0);
                    Assert.Equal(target, move.To);
                    Assert.NotEqual(target, move.From);
                    after[move.From] -= move.Amount;
                    after[move.To] = after.GetValueOrDefault(move.To) + move.Amount;
                }

                Assert.True(after[target] >= needed || (moves.Count == 0 && balances.GetValueOrDefault(target) >= needed));
                Assert.All(after.Values, balance => Assert.True(balance >= 0));
                Assert.Equal(balances.Values.Sum(), after.Values.Sum());
            });

    [Fact]
    public void Consolidation_takes_from_the_richest_shards_first()
    {
        var balances = new Dictionary<int, decimal> { [0] = 10m, [1] = 50m, [2] = 30m, [3] = 5m };

        var moves = HouseShards.Consolidate(balances, target: 3, needed: 70m);

        Assert.Equal([new ShardMove(1, 3, 50m), new ShardMove(2, 3, 15m)], moves);
    }

    [Fact]
    public void Shard_0_keeps_the_name_house_accounts_had_before_sharding()
    {
        Assert.Equal("house:NetworkFloat:EUR", AccountKey.House(AccountType.NetworkFloat, "EUR").Code);
        Assert.Equal("house:NetworkFloat:EUR", AccountKey.House(AccountType.NetworkFloat, "EUR", 0).Code);
        Assert.Equal("house:NetworkFloat:EUR:5", AccountKey.House(AccountType.NetworkFloat, "EUR", 5).Code);
        Assert.Equal("wallet:7:USDT", AccountKey.Wallet(7, "USDT").Code);
        Assert.Throws<ArgumentOutOfRangeException>(() => AccountKey.House(AccountType.FeeRevenue, "EUR", -1));
        Assert.Throws<InvalidOperationException>(() => AccountKey.Wallet(7, "USDT").InShard(1));
    }

    [Fact]
    public void A_float_top_up_credits_the_float_shards_with_exactly_the_amount() =>
        Gen.Select(FiatBalances, Gen.Long[1, 100_000_000].Select(cents => cents / 100m), Gen.Int[1, 32], Gen.Int[0, 31])
            .Sample((balances, amount, count, depositShard) =>
            {
                var topUp = LedgerTransactions.FloatTopUp("EUR", amount, HouseShards.EvenOut(balances, amount, count, 2), depositShard);

                Assert.Equal(amount, topUp.Entries.Where(e => e.Account.Type == AccountType.NetworkFloat).Sum(e => e.Amount));
                Assert.Equal(-amount, topUp.Entries.Single(e => e.Account.Type == AccountType.Deposits).Amount);
            });

    [Fact]
    public void A_consolidation_moves_only_between_shards_of_one_account()
    {
        var account = AccountKey.House(AccountType.NetworkFloat, "USD", 2);

        var consolidation = LedgerTransactions.ShardConsolidation(account, [new ShardMove(0, 2, 10m), new ShardMove(7, 2, 2.5m)]);

        Assert.All(consolidation.Entries, e => Assert.Equal((AccountType.NetworkFloat, "USD"), (e.Account.Type, e.Account.Currency)));
        Assert.Equal(12.5m, consolidation.Entries.Where(e => e.Account.Shard == 2).Sum(e => e.Amount));
        Assert.Equal(0m, consolidation.Entries.Sum(e => e.Amount));
    }
}
