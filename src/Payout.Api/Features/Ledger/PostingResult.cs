using Payout.Api.Domain.Ledger;

namespace Payout.Api.Features.Ledger;

/// <summary>What <see cref="LedgerWriter.PostAsync(LedgerTransaction, long?, CancellationToken)"/> did: the stored transaction, or the account that refused.</summary>
public sealed record PostingResult(PostingOutcome Outcome, long TransactionId, AccountKey? RefusedAccount);
