using Payout.Api.Security;

namespace Payout.Api.Features.Cards;

/// <summary>
/// Re-encrypts every card still under an older card-encryption key with the current one (PCI DSS 3.6).
/// Rows are read and rewritten in small batches, each row only if its key id is still the old one, so the
/// command can be interrupted and run again, also while the service is running.
/// </summary>
public sealed class CardKeyRotation(CardStore cards, CardCipher cipher, ILogger<CardKeyRotation> logger)
{
    private const int BatchSize = 200;

    public async Task<int> ReEncryptAllAsync(CancellationToken cancellationToken)
    {
        var current = cipher.CurrentKeyId;
        var moved = 0;
        while (true)
        {
            var batch = await cards.ListEncryptedUnderOtherKeyAsync(current, BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var card in batch)
            {
                var encrypted = cipher.Encrypt(cipher.Decrypt(card.EncryptionKeyId, card.EncryptedNumber));
                card.EncryptionKeyId = encrypted.KeyId;
                card.EncryptedNumber = encrypted.Ciphertext;
            }

            await cards.SaveAsync(cancellationToken);
            cards.ForgetLoaded();
            moved += batch.Count;
        }

        logger.LogInformation("Re-encrypted {Count} cards under card-encryption key {KeyId}", moved, current);
        return moved;
    }

    /// <summary>The <c>rotate-card-key</c> command: a new current key, then every card moved to it.</summary>
    public async Task<(string KeyId, int Moved)> RotateAsync(KeyStore keys, CancellationToken cancellationToken)
    {
        var key = keys.AddKey(KeyPurpose.CardEncryption);
        return (key.Id, await ReEncryptAllAsync(cancellationToken));
    }
}
