namespace Payout.Api.Features.Customers;

/// <summary>A change of a customer's KYC level, as its merchant event carries it.</summary>
public sealed record KycLevelChange(long CustomerId, string KycLevel, string PreviousKycLevel);
