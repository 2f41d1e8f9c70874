using Payout.Api.Features.Audit;
using Payout.Api.Security;

namespace Payout.Api.Features.Cards;

/// <summary>
/// Re-encrypts every card still under an older card-encryption key with the current one (PCI DSS 3.6).
/// Rows are read and rewritten in small batches, each row only if its key id is still the old one, so the
/// command can be interrupted and run again, also while the service is running.
/// </summary>
public sealed class CardKeyRotation(CardStore cards, CardCipher cipher, AuditTrail audit, ILogger<CardKeyRotation> logger)
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

        await audit.AppendAsync(new AuditEntry(AuditEventType.CARDS_REKEYED, Subject: $"key:{KeyPurpose.CardEncryption.FolderName()}/{current}")
        {
            Details = new Dictionary<string, string?> { ["cards"] = moved.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }, cancellationToken);
        logger.LogInformation("Re-encrypted {Count} cards under card-encryption key {KeyId}", moved, current);
        return moved;
    }

    /// <summary>The <c>rotate-card-key</c> command: a new current key, then every card moved to it.</summary>
    public async Task<(string KeyId, int Moved)> RotateAsync(KeyStore keys, CancellationToken cancellationToken)
    {
        var key = keys.AddKey(KeyPurpose.CardEncryption);
        await audit.AppendAsync(new AuditEntry(AuditEventType.KEY_ROTATED, Subject: $"key:{key}"), cancellationToken);
        return (key.Id, await ReEncryptAllAsync(cancellationToken));
    }
}
