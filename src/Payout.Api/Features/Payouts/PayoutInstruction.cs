using Payout.Api.Domain.Cards;

namespace Payout.Api.Features.Payouts;

/// <summary>What we ask the card-payout network to do: pay <see cref="Amount"/> to the card, once.</summary>
/// <param name="OperationId">Our id; the network deduplicates by it, so a retry never pays twice.</param>
public sealed record PayoutInstruction(long OperationId, CardNumber Card, decimal Amount, string Currency);
