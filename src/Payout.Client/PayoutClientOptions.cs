namespace Payout.Client;

/// <summary>Settings of a <see cref="PayoutClient"/>.</summary>
public sealed class PayoutClientOptions
{
    /// <summary>
    /// The API's root, e.g. <c>https://payout.example.com/</c>. A path prefix (<c>https://gw.example.com/payout/</c>)
    /// is kept. When null, the <see cref="HttpClient.BaseAddress"/> of the injected client is used.
    /// </summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The app's merchant (partner) id, sent as <c>X-Merchant-ID</c> on token requests.</summary>
    public Guid MerchantId { get; set; }

    /// <summary>
    /// The SDK version the app speaks, <c>major.minor</c>, sent as <c>X-Sdk-Version: payoutCard=1.2</c> on every
    /// <c>/v4/payout/*</c> call. The API accepts 1.2 and later.
    /// </summary>
    public string SdkVersion { get; set; } = "1.2";
}
