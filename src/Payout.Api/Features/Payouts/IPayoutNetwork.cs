using Payout.Api.Domain.Ledger;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// The card-payout network (Visa Direct, Mastercard Send, or a processor in front of them). An I/O
/// boundary: answers may come at once, later, twice, or not at all, and nothing that calls it may assume otherwise.
/// </summary>
public interface IPayoutNetwork
{
    /// <summary>Asks for the payout; sending the same operation again never pays twice.</summary>
    Task<NetworkAnswer> SendAsync(PayoutInstruction instruction, CancellationToken cancellationToken);

    /// <summary>
    /// What the network knows of the operation: a final answer, pending, not found, or no answer. An answer about other
    /// money than <paramref name="expected"/> (the fiat we asked it to pay) is no answer.
    /// </summary>
    Task<NetworkAnswer> GetStatusAsync(long operationId, FiatLeg expected, CancellationToken cancellationToken);
}
