using System.Security.Cryptography;

namespace Payout.Api.Security;

/// <summary>A stored card number could not be opened. Never carries the number, the key or the ciphertext.</summary>
public sealed class CardDecryptionException : CryptographicException
{
    public CardDecryptionException(string keyId, string reason, Exception? innerException = null)
        : base($"The encrypted card number under key '{keyId}' {reason}.", innerException) => KeyId = keyId;

    public string KeyId { get; }
}
