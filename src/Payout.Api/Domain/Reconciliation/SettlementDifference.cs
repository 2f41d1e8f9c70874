namespace Payout.Api.Domain.Reconciliation;

public sealed record SettlementDifference(DifferenceKind Kind, long? OperationId, decimal? NetworkAmount, decimal? OurAmount, string Currency);
