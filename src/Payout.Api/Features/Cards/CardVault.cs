using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Features.Offers;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;
using Payout.Api.Security;

namespace Payout.Api.Features.Cards;

/// <summary>Stores cards: encryption, fingerprint, duplicate and limit rules, all in one place.</summary>
public sealed class CardVault(
    PayoutDbContext db, CardCipher cipher, CardFingerprint fingerprints, ICardEligibility eligibility,
    IOptions<PayoutOptions> options, TimeProvider clock)
{
    public async Task<(Card? Card, ApiError? Error)> AddAsync(long customerId, ValidCard valid, CancellationToken cancellationToken)
    {
        var fingerprint = fingerprints.Compute(valid.Number);
        var status = await eligibility.CheckAsync(valid.Number, cancellationToken);

        // The customer lock makes "at most N cards" hold when two adds race in two processes.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockCustomerAsync(customerId, cancellationToken);
        var now = clock.GetUtcNow();
        var card = await db.Cards.SingleOrDefaultAsync(c => c.CustomerId == customerId && c.Fingerprint == fingerprint, cancellationToken);
        if (card is null)
        {
            var active = await db.Cards.CountAsync(c => c.CustomerId == customerId && c.DeletedAt == null, cancellationToken);
            if (active >= options.Value.MaxCardsPerCustomer)
            {
                return (null, new ApiError(ErrorCode.CARD_LIMIT_REACHED,
                    $"A customer can hold at most {options.Value.MaxCardsPerCustomer} cards; delete one first."));
            }

            var encrypted = cipher.Encrypt(valid.Number);
            card = new Card
            {
                CustomerId = customerId,
                Brand = valid.Brand,
                MaskedPan = valid.Number.Masked,
                Fingerprint = fingerprint,
                EncryptionKeyId = encrypted.KeyId,
                EncryptedNumber = encrypted.Ciphertext,
                HolderName = valid.Holder,
                CreatedAt = now,
            };
            db.Cards.Add(card);
        }

        // Adding a known number again restores it and takes the new holder and expiry (spec §5).
        card.HolderName = valid.Holder;
        card.ExpiryYear = valid.ExpiryYear;
        card.ExpiryMonth = valid.ExpiryMonth;
        card.ValidationStatus = status;
        card.DeletedAt = null;
        card.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (card, null);
    }

    /// <summary>The customer's own, not deleted card — or null, for someone else's as for a missing one.</summary>
    public Task<Card?> FindActiveAsync(long customerId, long cardId, CancellationToken cancellationToken) =>
        db.Cards.SingleOrDefaultAsync(c => c.Id == cardId && c.CustomerId == customerId && c.DeletedAt == null, cancellationToken);

    /// <summary>
    /// A card whose eligibility the network did not answer when it was added is PENDING; asking again when
    /// it is next quoted means a network hiccup at add time does not leave the card unusable.
    /// </summary>
    public async Task RecheckIfPendingAsync(Card card, CancellationToken cancellationToken)
    {
        if (card.ValidationStatus != CardValidationStatus.PENDING)
        {
            return;
        }

        card.ValidationStatus = await eligibility.CheckAsync(cipher.Decrypt(card.EncryptionKeyId, card.EncryptedNumber), cancellationToken);
        await SaveAsync(card, cancellationToken);
    }

    public async Task SaveAsync(Card card, CancellationToken cancellationToken)
    {
        card.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }
}
