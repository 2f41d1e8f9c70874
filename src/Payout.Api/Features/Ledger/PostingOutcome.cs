namespace Payout.Api.Features.Ledger;

public enum PostingOutcome
{
    Posted,

    /// <summary>A wallet (or our float) would have gone below zero; nothing may be committed.</summary>
    InsufficientFunds,
}
