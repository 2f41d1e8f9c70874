namespace Payout.Api.Security;

/// <summary>
/// A card number as stored: the id of the card-encryption key and <c>nonce(12) | tag(16) | ciphertext</c>.
/// Both go to the database, in two columns, so a row says which key opens it.
/// </summary>
public sealed record EncryptedCard(string KeyId, byte[] Ciphertext);
