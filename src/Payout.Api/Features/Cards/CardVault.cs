using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Limits;
using Payout.Api.Features.Audit;
using Payout.Api.Infrastructure.Events;
using Payout.Api.Infrastructure.Persistence;
using Payout.Api.Security;

namespace Payout.Api.Features.Cards;

/// <summary>
/// Keeps cards: encryption, fingerprint, the duplicate and card-count rules, the network's eligibility answer.
/// The only place (besides the key rotation) that encrypts or opens a stored card number — see docs/decisions.md
/// on why that is not an EF value converter. Every change a merchant hears of (added, approved, declined, removed) is made
/// under the customer's lock, with its event in the same transaction.
/// </summary>
public sealed class CardVault(
    PayoutDbContext db, CardStore cards, CardCipher cipher, CardFingerprint fingerprints, ICardEligibility eligibility,
    AuditTrail audit, MerchantEvents events, IOptions<PayoutOptions> options, TimeProvider clock)
{
    public async Task<Result<Card>> AddAsync(long customerId, ValidCard valid, CancellationToken cancellationToken)
    {
        var status = await eligibility.CheckAsync(valid.Number, cancellationToken);

        // The customer lock makes "at most N cards" hold when two adds race in two processes, and keeps a fingerprint
        // rotation (which takes it too) from moving this customer's cards while we look for the number among them.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockCustomerAsync(customerId, cancellationToken);
        var now = clock.GetUtcNow();
        var fingerprint = fingerprints.Compute(valid.Number);
        var card = await cards.FindByFingerprintAsync(customerId, await FingerprintsAsync(customerId, valid.Number, fingerprint, cancellationToken), cancellationToken);
        var change = card is null ? "new" : card.DeletedAt is null ? "updated" : "restored";
        var statusBefore = card?.ValidationStatus;
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
                FingerprintKeyId = fingerprints.KeyId,
                EncryptionKeyId = encrypted.KeyId,
                EncryptedNumber = encrypted.Ciphertext,
                HolderName = valid.Holder,
                CreatedAt = now,
            };
            cards.Add(card);
        }

        // Adding a known number again restores it and takes the new holder and expiry (spec §5). Its fingerprint is the
        // rotation's to move: this process may not know the newest key yet.
        card.HolderName = valid.Holder;
        card.ExpiryYear = valid.ExpiryYear;
        card.ExpiryMonth = valid.ExpiryMonth;
        card.ValidationStatus = status;
        card.DeletedAt = null;
        card.UpdatedAt = now;
        await cards.SaveAsync(cancellationToken);
        await audit.AppendAsync(AuditEntryOf(AuditEventType.CARD_ADDED, card, change), cancellationToken);
        await events.AppendAsync(MerchantEventType.CardAdded, customerId, card.Id, CardEventData.From(card), cancellationToken);
        if (status != statusBefore)
        {
            await AppendStatusEventAsync(card, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return card;
    }

    /// <summary>
    /// The number's fingerprint under every key the customer's cards were fingerprinted with, and the current one: during
    /// and after a fingerprint rotation, a number stored under the old key is still found — and one stored under a key this
    /// process has not met yet (another process rotated) too, read from the key folder.
    /// </summary>
    private async Task<IReadOnlyCollection<string>> FingerprintsAsync(long customerId, CardNumber number, string current, CancellationToken cancellationToken)
    {
        var keyIds = await cards.FingerprintKeyIdsAsync(customerId, cancellationToken);
        return [.. keyIds.Where(id => id != fingerprints.KeyId).Select(id => fingerprints.Compute(number, id)).Append(current)];
    }

    /// <inheritdoc cref="CardStore.FindActiveAsync"/>
    public Task<Card?> FindActiveAsync(long customerId, long cardId, CancellationToken cancellationToken) =>
        cards.FindActiveAsync(customerId, cardId, cancellationToken);

    /// <inheritdoc cref="CardStore.FindActiveToQuoteAsync"/>
    public Task<Card?> FindActiveToQuoteAsync(long customerId, long cardId, CancellationToken cancellationToken) =>
        cards.FindActiveToQuoteAsync(customerId, cardId, cancellationToken);

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

        var status = await eligibility.CheckAsync(RevealNumber(card), cancellationToken);
        if (status == CardValidationStatus.PENDING)
        {
            return;
        }

        // Two quotes may recheck at once: only the one that finds the card still PENDING under the lock changes it.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockCustomerAsync(card.CustomerId, cancellationToken);
        if (db.Entry(card).State == EntityState.Detached)
        {
            // An offer reads its card untracked (CardStore.FindActiveToQuoteAsync); this change is the rare exception.
            db.Attach(card);
        }

        await db.Entry(card).ReloadAsync(cancellationToken);
        if (card.ValidationStatus != CardValidationStatus.PENDING)
        {
            return;
        }

        card.ValidationStatus = status;
        await SaveAsync(card, cancellationToken);
        await AppendStatusEventAsync(card, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public Task SetBillingAddressAsync(Card card, BillingAddress address, CancellationToken cancellationToken)
    {
        card.BillingAddress = address;
        return SaveAsync(card, cancellationToken);
    }

    /// <summary>Leaves the list; offers and payouts keep referring to it.</summary>
    public async Task DeleteAsync(Card card, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.LockCustomerAsync(card.CustomerId, cancellationToken);
        await db.Entry(card).ReloadAsync(cancellationToken);
        if (card.DeletedAt is not null)
        {
            return; // a concurrent delete got there first, and told the merchant
        }

        card.DeletedAt = clock.GetUtcNow();
        await SaveAsync(card, cancellationToken);
        await audit.AppendAsync(AuditEntryOf(AuditEventType.CARD_REMOVED, card, "removed"), cancellationToken);
        await events.AppendAsync(MerchantEventType.CardRemoved, card.CustomerId, card.Id, CardEventData.From(card), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>card.approved or card.declined, when the network's answer made the card so.</summary>
    private async Task AppendStatusEventAsync(Card card, CancellationToken cancellationToken)
    {
        var type = card.ValidationStatus switch
        {
            CardValidationStatus.APPROVED => MerchantEventType.CardApproved,
            CardValidationStatus.DECLINED => MerchantEventType.CardDeclined,
            CardValidationStatus.PENDING => null,
        };
        if (type is not null)
        {
            await events.AppendAsync(type, card.CustomerId, card.Id, CardEventData.From(card), cancellationToken);
        }
    }

    /// <summary>The masked number only (PCI DSS 3.4: first six and last four at most).</summary>
    private static AuditEntry AuditEntryOf(AuditEventType type, Card card, string change) =>
        new(type, card.CustomerId, "card:" + card.Id.ToString(CultureInfo.InvariantCulture))
        {
            Actor = "customer:" + card.CustomerId.ToString(CultureInfo.InvariantCulture),
            Details = new Dictionary<string, string?>
            {
                ["maskedPan"] = card.MaskedPan,
                ["brand"] = card.CardType,
                ["validationStatus"] = card.ValidationStatus.ToString(),
                ["change"] = change,
            },
        };

    private async Task SaveAsync(Card card, CancellationToken cancellationToken)
    {
        card.UpdatedAt = clock.GetUtcNow();
        await cards.SaveAsync(cancellationToken);
    }
}
