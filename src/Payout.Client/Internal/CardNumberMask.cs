namespace Payout.Client.Internal;

internal static class CardNumberMask
{
    /// <summary>First four, <c>***</c>, last four of the digits; anything too short to mask safely is all stars.</summary>
    public static string Mask(string? cardNumber)
    {
        var digits = Digits(cardNumber);
        return digits.Length >= 12 ? $"{digits[..4]}***{digits[^4..]}" : "***";
    }

    /// <summary>The number as the API wants it: spaces and dashes removed (anything else is left for the API to refuse).</summary>
    public static string Normalize(string cardNumber) =>
        cardNumber.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);

    private static string Digits(string? text) => text is null ? "" : string.Concat(text.Where(char.IsAsciiDigit));
}
