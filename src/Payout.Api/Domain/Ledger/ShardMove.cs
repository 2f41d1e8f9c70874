namespace Payout.Api.Domain.Ledger;

/// <summary>An amount moved from one shard of a house account to another.</summary>
public sealed record ShardMove(int From, int To, decimal Amount);
