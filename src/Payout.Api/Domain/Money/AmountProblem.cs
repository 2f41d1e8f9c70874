namespace Payout.Api.Domain.Money;

/// <summary>Why an amount is not acceptable input (<see cref="AmountRules.Check"/>).</summary>
public enum AmountProblem
{
    NotPositive,
    TooLarge,
    TooManyDecimals,
}
