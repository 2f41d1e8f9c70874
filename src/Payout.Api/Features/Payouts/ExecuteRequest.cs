namespace Payout.Api.Features.Payouts;

/// <summary>A customer's execute of one of its offers, as the debit takes it.</summary>
public sealed record ExecuteRequest(long CustomerId, long OfferId);
