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
    /// Uses the CURRENT card-fingerprint key. Unlike the encryption key, this key is not rotated by the same
    /// command as the others: a new fingerprint key changes every fingerprint, so duplicate detection would miss
    /// every stored card until each row is re-fingerprinted (decrypt, HMAC with the new key, update) in one go.
    /// </summary>
    public string Compute(CardNumber number)
    {
        var key = keys.CardFingerprint.Current;
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
