using Payout.Api.Domain;

namespace Payout.Api.Features.Admin;

internal static class KycLevels
{
    /// <summary>Exact names only ("KYC_1"): a number or lower case is not a level.</summary>
    public static bool TryParse(string? text, out KycLevel level)
    {
        level = default;
        return text is not null
            && Enum.GetNames<KycLevel>().Contains(text, StringComparer.Ordinal)
            && Enum.TryParse(text, out level);
    }

    public static string Expected => string.Join(", ", Enum.GetNames<KycLevel>());
}
