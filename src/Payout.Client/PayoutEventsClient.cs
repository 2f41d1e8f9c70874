using System.Globalization;
using System.Runtime.CompilerServices;
using Payout.Client.Internal;

namespace Payout.Client;

/// <summary>
/// A merchant's backend reading its events (<c>GET /admin/v1/events</c> with <c>X-Merchant-Key</c>): keep the last
/// <see cref="MerchantEvent.Sequence"/> you processed and read on from it; after an outage nothing is missed. Thread-safe.
/// </summary>
public sealed class PayoutEventsClient
{
    private const string KeyHeader = "X-Merchant-Key";

    private readonly HttpClient httpClient;
    private readonly Uri baseAddress;
    private readonly string merchantKey;

    /// <summary>Creates a client; with <c>IHttpClientFactory</c>, use <see cref="PayoutServiceCollectionExtensions.AddPayoutEventsClient"/>.</summary>
    public PayoutEventsClient(HttpClient httpClient, PayoutEventsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        this.httpClient = httpClient;
        baseAddress = ApiHttp.BaseAddressOf(options.BaseAddress, httpClient);
        merchantKey = options.MerchantKey;
    }

    /// <summary>Up to <paramref name="limit"/> (1 to 1000) of the merchant's events after <paramref name="after"/>.</summary>
    public async Task<EventPage> GetEventsAsync(long after = 0, int limit = 100, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var message = new ApiRequest(HttpMethod.Get, EventsPath(after, limit, merchantId: null)).Build(baseAddress);
        message.Headers.Add(KeyHeader, merchantKey);
        using var response = await httpClient.SendAsync(message, cancellationToken);
        return await ApiHttp.ReadAsync(response, EventsJsonContext.Default.EventPage, cancellationToken);
    }

    /// <summary>Every event after <paramref name="after"/> that exists now, page by page, in order.</summary>
    public async IAsyncEnumerable<MerchantEvent> ReadOnAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        EventPage page;
        do
        {
            page = await GetEventsAsync(after, 1_000, cancellationToken);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            after = page.Next;
        }
        while (page.HasMore);
    }

    internal static string EventsPath(long after, int limit, Guid? merchantId) =>
        string.Create(CultureInfo.InvariantCulture, $"admin/v1/events?after={after}&limit={limit}")
        + (merchantId is { } id ? "&merchantId=" + id.ToString("D") : "");
}
