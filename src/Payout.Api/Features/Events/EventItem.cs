using System.ComponentModel;
using System.Text.Json;
using Payout.Api.Infrastructure.Events;

namespace Payout.Api.Features.Events;

/// <summary>One merchant event, as <c>/admin/v1/events</c> lists it and a webhook posts it.</summary>
public sealed record EventItem(
    [property: Description("1, 2, 3 … over all merchants, in commit order, without gaps; read on with `after` set to the last one you processed.")]
    long Sequence,
    [property: Description("payout.created, payout.succeeded, payout.failed, payout.refunded, card.added, card.approved, card.declined, card.removed, customer.kyc_level_changed; ignore names you do not know.")]
    string Type,
    Guid MerchantId,
    long CustomerId,
    [property: Description("payout, card or customer.")]
    string ObjectType,
    [property: Description("The payout's operationId, the card's cardId or the customer's customerId.")]
    long ObjectId,
    [property: Description("1 for the object's first event, then one more per event: drop an event whose version you have already seen for the object.")]
    int Version,
    DateTimeOffset CreatedAt,
    [property: Description("The object after the change: a payout as the history shows it; a card with `removed`; a customer's `kycLevel` and `previousKycLevel`.")]
    JsonElement Data)
{
    public static EventItem From(MerchantEvent e)
    {
        using var payload = JsonDocument.Parse(e.Payload);
        return new EventItem(
            e.Sequence ?? throw new InvalidOperationException("Only numbered events are published."),
            e.Type, e.MerchantId, e.CustomerId, e.ObjectType, e.ObjectId, e.Version, e.CreatedAt, payload.RootElement.Clone());
    }
}
