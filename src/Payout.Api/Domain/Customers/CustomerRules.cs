using System.Text.RegularExpressions;

namespace Payout.Api.Domain.Customers;

/// <summary>What makes a customer's phone and password acceptable (operator API, demo seed).</summary>
public static partial class CustomerRules
{
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;

    /// <summary>E.164: a plus, then 8 to 15 digits, the first not zero.</summary>
    public static bool IsValidPhone(string? phone) => phone is not null && E164().IsMatch(phone);

    public static bool IsValidPassword(string? password) =>
        password is { Length: >= MinPasswordLength and <= MaxPasswordLength };

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
