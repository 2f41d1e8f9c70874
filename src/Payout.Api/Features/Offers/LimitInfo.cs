namespace Payout.Api.Features.Offers;

/// <summary>An offer's <c>limit</c>: what the KYC limit still allows, in EUR (spec §7).</summary>
public sealed record LimitInfo(decimal Value, string Currency);
