namespace Payout.Api.Features.Ledger;

public enum PostingOutcome
{
    Posted,

    /// <summary>A wallet (or our float) would have gone below zero; nothing may be committed.</summary>
    InsufficientFunds,

    /// <summary>
    /// A debit of a guarded account was refused in a post that sends everything at once
    /// (<see cref="LedgerWriter.PostCoveredAsync"/>), so the rest was written regardless: the caller rolls back and posts
    /// again with <c>PostAsync</c>, which looks at each refusal on its own (and may take another shard of the float).
    /// </summary>
    NotCovered,
}
