namespace Payout.Api.Features.Events;

public enum WebhookDeliveryState
{
    /// <summary>Not yet answered 2xx; sent when due and when every earlier delivery of its object is done.</summary>
    Pending,

    Delivered,

    /// <summary>The merchant's webhook was removed from configuration before it could be delivered (it stays readable at /events).</summary>
    Dropped,
}
