namespace Payout.Api.Domain.Pricing;

/// <summary>One listed fee of a <see cref="FeeBreakdown"/>: its code, its label and its value in the source crypto.</summary>
public sealed record FeeLine(string Type, string Name, decimal Value);
