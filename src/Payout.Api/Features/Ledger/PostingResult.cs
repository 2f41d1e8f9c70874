using Payout.Api.Domain.Ledger;

namespace Payout.Api.Features.Ledger;

/// <summary>What <see cref="LedgerWriter.PostAsync(LedgerTransaction, long?, CancellationToken)"/> did: the stored transaction, or the account that refused.</summary>
public sealed record PostingResult(PostingOutcome Outcome, long TransactionId, AccountKey? RefusedAccount)
{
    /// <summary>Rows written by each of the caller's statements sent with the post, in order (when it was posted).</summary>
    public IReadOnlyList<int> AlongsideRows { get; init; } = [];
}
