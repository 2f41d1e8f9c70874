using CsCheck;

namespace Payout.UnitTests.Cards;

/// <summary>Card numbers for tests: the public test numbers and generated Luhn-valid ones.</summary>
internal static class TestCards
{
    public const string Visa = "4012888888881881";

    /// <summary>The well-known public test numbers (spec §14), all Luhn-valid and of a supported brand.</summary>
    public static readonly string[] KnownValidDigits =
        ["4012888888881881", "4111111111111111", "5555555555554444", "5105105105105100", "2223003122003222"];

    public static readonly TheoryData<string> KnownValid = new(KnownValidDigits);

    /// <summary>A fixed "now" in UTC: 23 November 2026.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 19, 40, 4, TimeSpan.Zero);

    /// <summary>Luhn-valid numbers of 12–19 digits with any prefix.</summary>
    public static readonly Gen<string> ValidNumbers =
        Gen.Char['0', '9'].Array[11, 18].Select(payload => WithCheckDigit(new string(payload)));

    /// <summary>Appends the digit that makes <paramref name="payload"/> pass the Luhn check.</summary>
    public static string WithCheckDigit(string payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            // The check digit will sit at position 0 from the right, so the payload's last digit is doubled.
            var d = payload[payload.Length - 1 - i] - '0';
            sum += i % 2 == 1 ? d : (d < 5 ? 2 * d : (2 * d) - 9);
        }

        return payload + (char)('0' + ((10 - (sum % 10)) % 10));
    }

    /// <summary>A Luhn-valid number of <paramref name="length"/> digits starting with <paramref name="prefix"/>.</summary>
    public static string Number(string prefix, int length = 16) =>
        WithCheckDigit(prefix + new string('0', length - 1 - prefix.Length));
}
