namespace Payout.Api.Infrastructure.Housekeeping;

/// <summary>
/// Rows of one kind that have outlived their use (an expired Idempotency-Key, a sign-in failure past the lockout window),
/// deleted a batch at a time through an index by the owner of the table. Registered by the owner; run by <see cref="HousekeepingWorker"/>.
/// </summary>
public interface IHousekeepingPurge
{
    /// <summary>What is purged, in logs (<c>idempotency keys</c>).</summary>
    string Name { get; }

    /// <returns>How many rows this batch deleted: fewer than <paramref name="batchSize"/> means nothing is left.</returns>
    Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken);
}
