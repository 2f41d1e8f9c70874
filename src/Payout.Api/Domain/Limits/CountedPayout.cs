namespace Payout.Api.Domain.Limits;

/// <summary>A payout that holds part of the customer's KYC limit: its EUR figure and when it was made.</summary>
/// <param name="AmountEur">The payout's <c>amountTo</c> as counted against the limit (<see cref="KycLimits.ToEur(decimal, Money.Currency, decimal)"/>).</param>
/// <param name="CreatedAt">When it was executed; it stops counting one window later.</param>
public readonly record struct CountedPayout(decimal AmountEur, DateTimeOffset CreatedAt);
