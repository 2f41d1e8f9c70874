namespace Payout.Client;

/// <summary>Settings of a <see cref="PayoutEventsClient"/>.</summary>
public sealed class PayoutEventsClientOptions
{
    /// <summary>The API's root; when null, the <see cref="HttpClient.BaseAddress"/> of the injected client is used.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The merchant's own key (<c>Merchants:N:ApiKey</c> on the server), sent as <c>X-Merchant-Key</c>. For the merchant's backend only.</summary>
    public string MerchantKey { get; set; } = "";
}
