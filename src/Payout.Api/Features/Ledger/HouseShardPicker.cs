using Microsoft.Extensions.Options;

namespace Payout.Api.Features.Ledger;

/// <summary>
/// Chooses the house-account shard of a new payout or deposit: the next one in turn, so concurrent payouts of
/// this process land on different rows. Each process starts at a random shard, so processes do not move in step.
/// </summary>
public sealed class HouseShardPicker(IOptions<LedgerOptions> options)
{
    private int turn = Random.Shared.Next();

    public int Count => options.Value.HouseShards;

    public int Next() => (int)((uint)Interlocked.Increment(ref turn) % (uint)Count);
}
