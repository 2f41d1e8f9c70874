namespace Payout.Api.Features.Offers;

/// <summary>One line of an offer's <c>feeInfo</c>, in the source crypto (spec §7).</summary>
public sealed record FeeInfo(string Currency, string Name, int Scale, decimal Value, string Type);
