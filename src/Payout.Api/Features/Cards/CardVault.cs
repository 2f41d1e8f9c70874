using Microsoft.Extensions.Options;
using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Limits;
using Payout.Api.Infrastructure.Persistence;
using Payout.Api.Security;

namespace Payout.Api.Features.Cards;

/// <summary>
/// Keeps cards: encryption, fingerprint, the duplicate and card-count rules, the network's eligibility answer.
/// The only place (besides the key rotation) that encrypts or opens a stored card number — see docs/decisions.md
/// on why that is not an EF value converter.
/// </summary>
public sealed class CardVault(
    PayoutDbContext db, CardStore cards, CardCipher cipher, CardFingerprint fingerprints, ICardEligibility eligibility,
    IOptions<PayoutOptions> options, TimeProvider clock)
{
    public async Task<Result<Card>> AddAsync(long customerId, ValidCard valid, CancellationToken cancellationToken)
    {
        var fingerprint = fingerprints.Compute(valid.Number);
        var status = await eligibility.CheckAsync(valid.Number, cancellationToken);

        // The customer lock makes "at most N cards" hold when two adds race in two processes.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockCustomerAsync(customerId, cancellationToken);
        var now = clock.GetUtcNow();
        var card = await cards.FindByFingerprintAsync(customerId, fingerprint, cancellationToken);
        if (card is null)
        {
            var maxCards = options.Value.MaxCardsPerCustomer;
            if (!CardRules.HasRoomForAnother(await cards.CountActiveAsync(customerId, cancellationToken), maxCards))
            {
                return new Failure(ErrorCode.CARD_LIMIT_REACHED, $"A customer can hold at most {maxCards} cards; delete one first.");
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
            cards.Add(card);
        }

        // Adding a known number again restores it and takes the new holder and expiry (spec §5).
        card.HolderName = valid.Holder;
        card.ExpiryYear = valid.ExpiryYear;
        card.ExpiryMonth = valid.ExpiryMonth;
        card.ValidationStatus = status;
        card.DeletedAt = null;
        card.UpdatedAt = now;
        await cards.SaveAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return card;
    }

    /// <inheritdoc cref="CardStore.FindActiveAsync"/>
    public Task<Card?> FindActiveAsync(long customerId, long cardId, CancellationToken cancellationToken) =>
        cards.FindActiveAsync(customerId, cardId, cancellationToken);

    /// <summary>
    /// SENSITIVE: the card's clear number, for the payout network only (a payout, an eligibility check).
    /// Never log, return or store it.
    /// </summary>
    public CardNumber RevealNumber(Card card) => cipher.Decrypt(card.EncryptionKeyId, card.EncryptedNumber);

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

        card.ValidationStatus = await eligibility.CheckAsync(RevealNumber(card), cancellationToken);
        await SaveAsync(card, cancellationToken);
    }

    public Task SetBillingAddressAsync(Card card, BillingAddress address, CancellationToken cancellationToken)
    {
        card.BillingAddress = address;
        return SaveAsync(card, cancellationToken);
    }

    /// <summary>Leaves the list; offers and payouts keep referring to it.</summary>
    public Task DeleteAsync(Card card, CancellationToken cancellationToken)
    {
        card.DeletedAt = clock.GetUtcNow();
        return SaveAsync(card, cancellationToken);
    }

    private async Task SaveAsync(Card card, CancellationToken cancellationToken)
    {
        card.UpdatedAt = clock.GetUtcNow();
        await cards.SaveAsync(cancellationToken);
    }
}
