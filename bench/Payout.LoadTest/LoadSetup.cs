using System.Globalization;
using System.Text.Json;

namespace Payout.LoadTest;

/// <summary>A signed-in customer ready to pay out: funded USDT wallet, KYC_3, a card that pays at once, its billing address.</summary>
internal sealed record LoadCustomer(long Id, string Phone, string Bearer, long CardId, byte[] OfferBody, bool Existed);

/// <summary>
/// Prepares the customers through the real API before anything is timed. Works on an empty database (creates
/// them) and on a seeded one (they exist: found by phone, the seeded card is added again, which restores it).
/// </summary>
internal static class LoadSetup
{
    public const string AdminKey = "loadtest-admin-key-0123456789";
    public const string Password = "loadtest-Passw0rd";
    public const string MerchantName = "Load test merchant";
    public const decimal Deposit = 1_000_000m;
    public const decimal FloatTopUp = 100_000_000m;

    /// <summary>A sandbox test card the network pays at once (README: sandbox test cards).</summary>
    public const string CardNumber = "4111111111111111";

    public static readonly Guid MerchantId = Guid.Parse("10ad7e57-0000-4000-8000-000000000001");

    /// <summary>The n-th load-test customer's phone (n from 1); the seeder numbers its customers the same way.</summary>
    public static string Phone(int n) => string.Create(CultureInfo.InvariantCulture, $"+447{n:D9}");

    public static async Task<List<LoadCustomer>> PrepareAsync(Uri baseAddress, int customers, decimal amount, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        await SendAsync(http, Admin(HttpMethod.Post, "admin/v1/network-float/EUR/top-ups", new { amount = FloatTopUp }), cancellationToken);

        var prepared = new LoadCustomer[customers];
        // Password hashing (PBKDF2, 100,000 rounds) dominates: a few in parallel use both cores.
        await Parallel.ForEachAsync(Enumerable.Range(1, customers), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (n, ct) => prepared[n - 1] = await PrepareCustomerAsync(http, n, amount, ct));
        return [.. prepared];
    }

    private static async Task<LoadCustomer> PrepareCustomerAsync(HttpClient http, int n, decimal amount, CancellationToken cancellationToken)
    {
        var phone = Phone(n);
        var (id, existed) = await CreateOrFindAsync(http, phone, cancellationToken);
        await SendAsync(http, Admin(HttpMethod.Post, $"admin/v1/customers/{id}/deposits", new { currency = "USDT", amount = Deposit }), cancellationToken);

        using var signIn = new HttpRequestMessage(HttpMethod.Post, "oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "mobile_phone",
                ["number"] = phone,
                ["password"] = Password,
            }),
        };
        signIn.Headers.Add(PayoutApi.MerchantHeader, MerchantId.ToString());
        var token = (await SendAsync(http, signIn, cancellationToken)).GetProperty("access_token").GetString()!;
        var bearer = "Bearer " + token;

        var card = await SendAsync(http, Customer(HttpMethod.Post, "v4/payout/card", bearer,
            new { cardNumber = CardNumber, cardHolder = "Load Test", cardExpirationYear = DateTime.UtcNow.Year + 4, cardExpirationMonth = 12 }), cancellationToken);
        var cardId = card.GetProperty("cardId").GetInt64();
        await SendAsync(http, Customer(HttpMethod.Post, $"v4/payout/card/{cardId}/billing-address", bearer,
            new { address = "1 High Street", city = "London", countryCode = "GB", zip = "SW1A 1AA" }), cancellationToken);

        var offer = PayoutApi.JsonBody(new { amount, fromCurrency = "USDT", toCurrency = "EUR", cardId });
        return new LoadCustomer(id, phone, bearer, cardId, offer, existed);
    }

    private static async Task<(long Id, bool Existed)> CreateOrFindAsync(HttpClient http, string phone, CancellationToken cancellationToken)
    {
        using var create = Admin(HttpMethod.Post, "admin/v1/customers", new { merchantId = MerchantId, phone, password = Password, kycLevel = "KYC_3" });
        using var response = await http.SendAsync(create, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return ((await ReadAsync(response, cancellationToken)).GetProperty("customerId").GetInt64(), false);
        }

        if (response.StatusCode != System.Net.HttpStatusCode.Conflict)
        {
            throw await FailureAsync(create, response, cancellationToken);
        }

        // Already there (a seeded database): find it, and give it the limit the run needs.
        var found = await SendAsync(http, Admin(HttpMethod.Get, "admin/v1/customers?phone=" + Uri.EscapeDataString(phone), null), cancellationToken);
        var id = found.GetProperty("items")[0].GetProperty("customerId").GetInt64();
        await SendAsync(http, Admin(HttpMethod.Put, $"admin/v1/customers/{id}/kyc", new { kycLevel = "KYC_3" }), cancellationToken);
        return (id, true);
    }

    public static HttpRequestMessage Admin(HttpMethod method, string path, object? body)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add(PayoutApi.AdminKeyHeader, AdminKey);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(PayoutApi.JsonBody(body)) { Headers = { ContentType = new("application/json") } };
        }

        return request;
    }

    private static HttpRequestMessage Customer(HttpMethod method, string path, string bearer, object body)
    {
        var request = PayoutApi.Post(path, bearer, PayoutApi.JsonBody(body));
        request.Method = method;
        return request;
    }

    /// <summary>Sends a set-up call; anything but a 2xx stops the run with the answer.</summary>
    public static async Task<JsonElement> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? await ReadAsync(response, cancellationToken) : throw await FailureAsync(request, response, cancellationToken);
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (body.Length == 0)
        {
            return default;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    private static async Task<LoadTestException> FailureAsync(HttpRequestMessage request, HttpResponseMessage response, CancellationToken cancellationToken) =>
        new($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
}
