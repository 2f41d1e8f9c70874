using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Events;

/// <summary>The service with two merchants, each with its own key for <c>/admin/v1/events</c>.</summary>
public sealed class EventsApp : PayoutApp
{
    public const string MerchantKey = "test-merchant-key-0123456789";
    public const string OtherMerchantId = "5b0c2f7e-8d1a-4c3e-9f6b-2a7d9e4c1b30";
    public const string OtherMerchantKey = "other-merchant-key-0123456789";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Merchants:0:ApiKey"] = MerchantKey,
        ["Merchants:1:Id"] = OtherMerchantId,
        ["Merchants:1:Name"] = "Other merchant",
        ["Merchants:1:ApiKey"] = OtherMerchantKey,
    };

    public HttpClient MerchantClient(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Merchant-Key", key);
        return client;
    }
}
