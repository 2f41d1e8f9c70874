using System.Text.Json;

namespace Payout.Client;

/// <summary>
/// One merchant event (<c>GET /admin/v1/events</c>, or a webhook's body): a change of a payout, card or KYC level.
/// Keep <see cref="Sequence"/> as your cursor; per object, drop an event whose <see cref="Version"/> you have already seen.
/// </summary>
public sealed record MerchantEvent
{
    /// <summary>1, 2, 3 … over all merchants, in commit order, without gaps (a merchant's own key sees only its own).</summary>
    public long Sequence { get; init; }

    /// <summary>One of <see cref="MerchantEventTypes"/>; ignore names you do not know, later ones may be added.</summary>
    public string Type { get; init; } = "";

    /// <summary>The merchant the customer belongs to.</summary>
    public Guid MerchantId { get; init; }

    /// <summary>The customer.</summary>
    public long CustomerId { get; init; }

    /// <summary><c>payout</c>, <c>card</c> or <c>customer</c>.</summary>
    public string ObjectType { get; init; } = "";

    /// <summary>The payout's operation id, the card's id or the customer's id.</summary>
    public long ObjectId { get; init; }

    /// <summary>1 for the object's first event, then one more per event of the same object.</summary>
    public int Version { get; init; }

    /// <summary>When the change was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The object after the change: a payout as the history shows it, a card, or a customer's KYC levels.</summary>
    public JsonElement Data { get; init; }
}

/// <summary>A page of events after a cursor.</summary>
public sealed record EventPage
{
    /// <summary>The events, in sequence order.</summary>
    public IReadOnlyList<MerchantEvent> Items { get; init; } = [];

    /// <summary>Pass as <c>after</c> to read on.</summary>
    public long Next { get; init; }

    /// <summary>More events are there already: read on at once.</summary>
    public bool HasMore { get; init; }
}

/// <summary>The event types.</summary>
public static class MerchantEventTypes
{
    /// <summary>Executed: the customer was debited and the payout is PENDING.</summary>
    public const string PayoutCreated = "payout.created";

    /// <summary>The card was paid.</summary>
    public const string PayoutSucceeded = "payout.succeeded";

    /// <summary>The network refused or failed the payout.</summary>
    public const string PayoutFailed = "payout.failed";

    /// <summary>A failed payout's whole debit went back to the customer's balance.</summary>
    public const string PayoutRefunded = "payout.refunded";

    /// <summary>A card was added (or added again).</summary>
    public const string CardAdded = "card.added";

    /// <summary>The network approved the card.</summary>
    public const string CardApproved = "card.approved";

    /// <summary>The network declined the card.</summary>
    public const string CardDeclined = "card.declined";

    /// <summary>The card left the customer's list.</summary>
    public const string CardRemoved = "card.removed";

    /// <summary>The customer's KYC level changed.</summary>
    public const string KycLevelChanged = "customer.kyc_level_changed";
}
