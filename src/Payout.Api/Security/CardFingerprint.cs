using System.Security.Cryptography;
using System.Text;
using Payout.Api.Domain.Cards;

namespace Payout.Api.Security;

/// <summary>
/// A keyed hash of a card number (HMAC-SHA256 over its ASCII digits, as 64 lowercase hex characters): the same
/// number always gives the same fingerprint, so "this customer already has this card" is an indexed lookup,
/// while the database alone (without the key) cannot be used to test guessed numbers.
/// </summary>
public sealed class CardFingerprint(KeyStore keys)
{
    public const int Length = 64;

    /// <summary>The id of the key fingerprints are made with (store it beside them, to know which rows a re-fingerprint left).</summary>
    public string KeyId => keys.CardFingerprint.Current.Id;

    /// <summary>
    /// With the CURRENT card-fingerprint key, for a card stored now. A new key changes every fingerprint, so stored cards
    /// are found by their own key's fingerprint (<see cref="Compute(CardNumber, string)"/>) until the rotation has re-fingerprinted them.
    /// </summary>
    public string Compute(CardNumber number) => ComputeWith(keys.CardFingerprint.Current, number);

    /// <summary>With the key <paramref name="keyId"/> (read from the key folder if this process has not met it yet).</summary>
    public string Compute(CardNumber number, string keyId) => ComputeWith(keys.GetKey(KeyPurpose.CardFingerprint, keyId), number);

    private static string ComputeWith(KeyMaterial key, CardNumber number)
    {
        Span<byte> plain = stackalloc byte[CardRules.MaxDigits];
        plain = plain[..Encoding.ASCII.GetBytes(number.RevealDigits(), plain)];
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        try
        {
            HMACSHA256.HashData(key.RevealBytes(), plain, mac);
            return Convert.ToHexStringLower(mac);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
