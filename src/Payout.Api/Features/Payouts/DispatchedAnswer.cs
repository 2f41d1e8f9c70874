using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>The network's final answer to a payout this process has just sent and still holds, ready to settle it.</summary>
/// <param name="Known">The payout as it was debited, with its fees: settling it reads nothing again.</param>
/// <param name="NetworkEvent">The attempt's record, committed with the settlement.</param>
/// <param name="Attempts">Attempts made, stored with the outbox entry's release.</param>
public sealed record DispatchedAnswer(SettlingPayout Known, NetworkAnswer Answer, SqlStatement NetworkEvent, int Attempts);
