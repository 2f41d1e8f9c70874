namespace Payout.Api.Infrastructure.Events;

/// <summary>
/// What happened, to which kind of object: the merchant events' vocabulary (issue 13). A name is stable once published;
/// a consumer must ignore names it does not know, since later ones may be added.
/// </summary>
public sealed record MerchantEventType(string Name, string ObjectType)
{
    public const string Payout = "payout";
    public const string Card = "card";
    public const string Customer = "customer";

    /// <summary>Executed: the customer is debited and the payout is PENDING.</summary>
    public static readonly MerchantEventType PayoutCreated = new("payout.created", Payout);

    public static readonly MerchantEventType PayoutSucceeded = new("payout.succeeded", Payout);

    public static readonly MerchantEventType PayoutFailed = new("payout.failed", Payout);

    /// <summary>A failed payout's whole debit (amount and fees) went back to the customer's balance.</summary>
    public static readonly MerchantEventType PayoutRefunded = new("payout.refunded", Payout);

    /// <summary>Added, or added again (restored, with new holder and expiry).</summary>
    public static readonly MerchantEventType CardAdded = new("card.added", Card);

    /// <summary>The payout network's answer made the card APPROVED: it can receive payouts.</summary>
    public static readonly MerchantEventType CardApproved = new("card.approved", Card);

    /// <summary>The payout network's answer made the card DECLINED.</summary>
    public static readonly MerchantEventType CardDeclined = new("card.declined", Card);

    public static readonly MerchantEventType CardRemoved = new("card.removed", Card);

    public static readonly MerchantEventType KycLevelChanged = new("customer.kyc_level_changed", Customer);

    public static IReadOnlyList<MerchantEventType> All { get; } =
    [
        PayoutCreated, PayoutSucceeded, PayoutFailed, PayoutRefunded, CardAdded, CardApproved, CardDeclined, CardRemoved, KycLevelChanged,
    ];
}
