namespace Payout.Api.Features.Payouts;

public enum DispatchState
{
    /// <summary>To be sent (again). <see cref="PayoutOutboxEntry.Attempts"/> &gt; 0 means it may have arrived already.</summary>
    Queued,

    /// <summary>The network accepted it as pending; waiting for a callback, queried when due.</summary>
    AwaitingResult,

    /// <summary>The payout reached a final status.</summary>
    Done,
}
