namespace Payout.Api.Domain.Reconciliation;

/// <summary>One row of a network settlement file, from the file of <paramref name="FileDay"/>.</summary>
/// <param name="OperationId">Our operation id when the row's payout id is one of ours (<c>op-{id}</c>), else null.</param>
public sealed record NetworkPayment(DateOnly FileDay, long? OperationId, decimal Amount, string Currency, DateTimeOffset PaidAt);
