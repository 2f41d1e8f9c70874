namespace Payout.Api.Domain.Money;

/// <summary>What makes an amount acceptable as input, before any business rule (spec §2).</summary>
public static class AmountRules
{
    public const decimal Maximum = 1_000_000_000m;

    public static AmountProblem? Check(decimal amount, Currency currency)
    {
        if (amount <= 0)
        {
            return AmountProblem.NotPositive;
        }

        if (amount > Maximum)
        {
            return AmountProblem.TooLarge;
        }

        return Rounding.FitsScale(amount, currency.Scale) ? null : AmountProblem.TooManyDecimals;
    }

    public static string Describe(AmountProblem problem, Currency currency) => problem switch
    {
        AmountProblem.NotPositive => "Amount must be greater than zero.",
        AmountProblem.TooLarge => "Amount must not exceed 1000000000.",
        AmountProblem.TooManyDecimals => $"Amount must have at most {currency.Scale} decimals for {currency.Code}.",
    };
}
