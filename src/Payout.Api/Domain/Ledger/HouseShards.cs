using Payout.Api.Domain.Money;

namespace Payout.Api.Domain.Ledger;

/// <summary>
/// The arithmetic of sharded house accounts: how a total is spread over shards, and what to move between
/// shards so that one of them can cover a payout. Pure: the ledger writer applies the results under row locks.
/// </summary>
public static class HouseShards
{
    public const int DefaultCount = 16;

    public const int MaxCount = 256;

    /// <summary>
    /// <paramref name="total"/> (≥ 0, at most <paramref name="scale"/> decimals) in <paramref name="count"/> parts at
    /// that scale: each part the total divided by the count rounded down, shard 0 also takes what rounding left over.
    /// The parts sum to the total exactly.
    /// </summary>
    public static IReadOnlyList<decimal> Split(decimal total, int count, int scale)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!Rounding.FitsScale(total, scale))
        {
            throw new ArgumentException($"The total has more than {scale} decimals.", nameof(total));
        }

        var part = Division.Down(total, count, scale);
        var parts = Enumerable.Repeat(part, count).ToArray();
        parts[0] = total - (part * (count - 1));
        return parts;
    }

    /// <summary>
    /// What each shard must move so that <paramref name="balances"/> (by shard) plus <paramref name="added"/> end up
    /// split evenly over shards 0 … <paramref name="count"/> − 1 (<see cref="Split"/>); shards at or beyond the count
    /// (left over from a larger count) are emptied. The changes sum to <paramref name="added"/>.
    /// </summary>
    public static IReadOnlyDictionary<int, decimal> EvenOut(IReadOnlyDictionary<int, decimal> balances, decimal added, int count, int scale)
    {
        var targets = Split(balances.Values.Sum() + added, count, scale);
        return Enumerable.Range(0, count).Concat(balances.Keys.Where(shard => shard >= count))
            .ToDictionary(shard => shard, shard => (shard < count ? targets[shard] : 0m) - balances.GetValueOrDefault(shard));
    }

    /// <summary>
    /// Moves enough into <paramref name="target"/> from the other shards, richest first, for it to hold
    /// <paramref name="needed"/>; null when all shards together hold less. Each move is positive and no shard
    /// gives more than it holds.
    /// </summary>
    public static IReadOnlyList<ShardMove>? Consolidate(IReadOnlyDictionary<int, decimal> balances, int target, decimal needed)
    {
        if (balances.Values.Sum() < needed)
        {
            return null;
        }

        var missing = needed - balances.GetValueOrDefault(target);
        var moves = new List<ShardMove>();
        foreach (var (shard, balance) in balances.Where(b => b.Key != target && b.Value > 0).OrderByDescending(b => b.Value).ThenBy(b => b.Key))
        {
            if (missing <= 0)
            {
                break;
            }

            var moved = Math.Min(balance, missing);
            moves.Add(new ShardMove(shard, target, moved));
            missing -= moved;
        }

        return moves;
    }
}
