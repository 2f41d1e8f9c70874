using Payout.Api.Features.Audit;
using Payout.Api.Infrastructure.Persistence;
using Payout.Api.Security;

namespace Payout.Api.Features.Cards;

/// <summary>
/// Rotates the card-fingerprint key: a new current key, then every card re-fingerprinted with it (decrypt, HMAC, update),
/// a batch at a time. Each batch locks its cards' customers, the lock adding a card takes, and adding a card looks for the
/// number under every key its customer's cards use, so a duplicate is caught before, during and after the rotation. Safe
/// to interrupt and run again (<c>refingerprint-cards</c>), also while the service runs.
/// </summary>
public sealed class CardFingerprintRotation(
    PayoutDbContext db, CardStore cards, CardCipher cipher, CardFingerprint fingerprints, AuditTrail audit,
    ILogger<CardFingerprintRotation> logger)
{
    private const int BatchSize = 200;

    /// <summary>The <c>rotate-fingerprint-key</c> command.</summary>
    public async Task<(string KeyId, int Moved)> RotateAsync(KeyStore keys, CancellationToken cancellationToken)
    {
        var key = keys.AddKey(KeyPurpose.CardFingerprint);
        await audit.AppendAsync(new AuditEntry(AuditEventType.KEY_ROTATED, Subject: $"key:{key}"), cancellationToken);
        return (key.Id, await RefingerprintAllAsync(cancellationToken));
    }

    /// <summary>Moves every card not yet fingerprinted with the current key (the <c>refingerprint-cards</c> command).</summary>
    public async Task<int> RefingerprintAllAsync(CancellationToken cancellationToken)
    {
        var current = fingerprints.KeyId;
        var moved = 0;
        while (true)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var batch = await cards.ListFingerprintedUnderOtherKeyAsync(current, BatchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            // In customer order, so two rotations never wait on each other crosswise.
            foreach (var customerId in batch.Select(c => c.CustomerId).Distinct())
            {
                await db.LockCustomerAsync(customerId, cancellationToken);
            }

            foreach (var card in batch)
            {
                card.Fingerprint = fingerprints.Compute(cipher.Decrypt(card.EncryptionKeyId, card.EncryptedNumber));
                card.FingerprintKeyId = current;
            }

            await cards.SaveAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            cards.ForgetLoaded();
            moved += batch.Count;
        }

        await audit.AppendAsync(new AuditEntry(AuditEventType.CARDS_REKEYED, Subject: $"key:{KeyPurpose.CardFingerprint.FolderName()}/{current}")
        {
            Details = new Dictionary<string, string?> { ["cards"] = moved.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }, cancellationToken);
        logger.LogInformation("Re-fingerprinted {Count} cards with card-fingerprint key {KeyId}", moved, current);
        return moved;
    }
}
