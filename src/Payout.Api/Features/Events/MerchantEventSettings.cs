namespace Payout.Api.Features.Events;

/// <summary>
/// A merchant's own event settings, in its entry of section <c>Merchants</c> beside its id and name:
/// <c>Merchants:0:ApiKey</c>, <c>Merchants:0:Webhook:Url</c>, <c>Merchants:0:Webhook:Secrets:0</c>.
/// </summary>
public sealed class MerchantEventSettings
{
    public Guid Id { get; set; }

    /// <summary>The merchant's key for <c>/admin/v1/events</c> (header <c>X-Merchant-Key</c>): it reads its own events only.</summary>
    public string? ApiKey { get; set; }

    public WebhookSettings? Webhook { get; set; }
}
