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
}

public sealed record NetworkAnswer(NetworkOutcome Outcome, string? DeclineReason = null);

/// <summary>
/// The card-payout network (Visa Direct, Mastercard Send, or a processor in front of them). An I/O
/// boundary: answers may come at once, later, or twice, and nothing that calls it may assume otherwise.
/// </summary>
public interface IPayoutNetwork
{
    Task<NetworkAnswer> SendAsync(PayoutInstruction instruction, CancellationToken cancellationToken);
}

/// <summary>
/// The in-process stand-in used until a real network is configured: it pays every payout at once.
/// The lifecycle around it is the real one (debit to in flight, then settle), so swapping it changes no rule.
/// </summary>
public sealed class InstantPayoutNetwork : IPayoutNetwork
{
    public Task<NetworkAnswer> SendAsync(PayoutInstruction instruction, CancellationToken cancellationToken) =>
        Task.FromResult(new NetworkAnswer(NetworkOutcome.Paid));
}
