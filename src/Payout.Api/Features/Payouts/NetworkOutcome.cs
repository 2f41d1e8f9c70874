namespace Payout.Api.Features.Payouts;

/// <summary>What the payout network said about a payout, or that it said nothing usable.</summary>
public enum NetworkOutcome
{
    /// <summary>The money reached the card.</summary>
    Paid,

    /// <summary>Accepted; the final answer comes later (callback or status query).</summary>
    Pending,

    /// <summary>Refused for good: nothing was paid.</summary>
    Declined,

    /// <summary>A status query: the network confirms it never received this payout.</summary>
    NotFound,

    /// <summary>No usable answer (timeout, connection refused, 5xx after retries): nothing is known.</summary>
    NoAnswer,
}
