using Payout.Api.Domain.Errors;

namespace Payout.Api.Domain;

/// <summary>Names and answers around <see cref="KycLevel"/>.</summary>
public static class KycLevels
{
    /// <summary>Exact names only ("KYC_1"): a number or lower case is not a level.</summary>
    public static bool TryParse(string? text, out KycLevel level)
    {
        level = default;
        return text is not null
            && Enum.GetNames<KycLevel>().Contains(text, StringComparer.Ordinal)
            && Enum.TryParse(text, out level);
    }

    /// <summary>Every level's name, for messages: "NONE, KYC_0, …".</summary>
    public static string Expected => string.Join(", ", Enum.GetNames<KycLevel>());

    /// <summary>The refusal of a customer below <paramref name="minimum"/> (the payout gate, execute).</summary>
    public static Failure TooLow(KycLevel minimum) =>
        new(ErrorCode.KYC_LEVEL_TOO_LOW, $"This needs KYC level {minimum} or higher.") { Remedy = new Remedy { KycLevel = minimum } };
}
