using Payout.Api.Features.Cards;

namespace Payout.Api.Features.Payouts;

/// <summary>What we ask the card-payout network to do: pay <see cref="Amount"/> to the card, once.</summary>
/// <param name="OperationId">Our id; the network deduplicates by it, so a retry never pays twice.</param>
public sealed record PayoutInstruction(long OperationId, CardNumber Card, decimal Amount, string Currency);

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

public sealed record NetworkAnswer(NetworkOutcome Outcome, string? Detail = null)
{
    public bool IsFinal => Outcome is NetworkOutcome.Paid or NetworkOutcome.Declined;
}

/// <summary>
/// The card-payout network (Visa Direct, Mastercard Send, or a processor in front of them). An I/O
/// boundary: answers may come at once, later, twice, or not at all, and nothing that calls it may assume otherwise.
/// </summary>
public interface IPayoutNetwork
{
    /// <summary>Asks for the payout; sending the same operation again never pays twice.</summary>
    Task<NetworkAnswer> SendAsync(PayoutInstruction instruction, CancellationToken cancellationToken);

    /// <summary>What the network knows of the operation: a final answer, pending, not found, or no answer.</summary>
    Task<NetworkAnswer> GetStatusAsync(long operationId, CancellationToken cancellationToken);
}
