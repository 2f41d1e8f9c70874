using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Payout.Soak;

/// <summary>
/// One of the concurrent clients: a customer of its own who signs in, gets deposits and pays out to every kind of
/// sandbox card, through whichever API process answers (like a load balancer), retrying with the same
/// Idempotency-Key or deposit reference after a dropped connection or a 503.
/// </summary>
public sealed class SoakClient(int number, SoakEnvironment environment, Tally tally, Random random)
{
    private const int MaxAttempts = 10;
    private const decimal PayoutAmount = 40m;

    private readonly HttpClient http = environment.Http;
    private string phone = "";
    private string password = "";
    private string accessToken = "";
    private long customerId;
    private List<(long CardId, int Weight)> cards = [];
    private int step;

    public long Payouts { get; private set; }

    public async Task SetUpAsync(CancellationToken cancellationToken)
    {
        phone = $"+4477009{number:D5}";
        password = $"soak-password-{number}";
        var created = await SendAsync("create customer", () => Admin(HttpMethod.Post, "/admin/v1/customers",
            new { merchantId = SoakEnvironment.MerchantId, phone, password, kycLevel = "KYC_3" }), cancellationToken);
        customerId = created?.GetProperty("customerId").GetInt64() ?? throw new InvalidOperationException($"Client {number}: no customer.");
        await DepositAsync(1_000_000m, $"soak-{number}-start", cancellationToken);
        await SignInAsync(cancellationToken);
        foreach (var (cardNumber, weight) in SoakCards.All)
        {
            var card = await SendAsync("add card", () => Customer(HttpMethod.Post, "/v4/payout/card",
                new { cardNumber, cardHolder = "Soak Client", cardExpirationYear = 2030, cardExpirationMonth = 12 }), cancellationToken);
            if (card?.TryGetProperty("cardId", out var id) == true)
            {
                await SendAsync("billing address", () => Customer(HttpMethod.Post, $"/v4/payout/card/{id.GetInt64()}/billing-address",
                    new { address = "1 High Street", city = "London", countryCode = "GB", zip = "SW1A 1AA" }), cancellationToken);
                cards.Add((id.GetInt64(), weight));
            }
        }
    }

    public async Task RunAsync(DateTime until, CancellationToken cancellationToken)
    {
        while (DateTime.UtcNow < until && !cancellationToken.IsCancellationRequested)
        {
            step++;
            var dice = random.Next(100);
            if (dice < 4)
            {
                await SignInAsync(cancellationToken);
            }
            else if (dice < 6)
            {
                await WrongSignInAsync(cancellationToken);
            }
            else if (dice < 16)
            {
                // The same reference twice: the second credits nothing.
                var reference = $"soak-{number}-{step}";
                await DepositAsync(50m, reference, cancellationToken);
                await DepositAsync(50m, reference, cancellationToken);
            }
            else
            {
                await PayOutAsync(cancellationToken);
            }

            if (environment.Options.PauseMilliseconds > 0)
            {
                await Task.Delay(environment.Options.PauseMilliseconds, cancellationToken);
            }
        }
    }

    private async Task PayOutAsync(CancellationToken cancellationToken)
    {
        var cardId = PickCard();
        var offerKey = $"soak-offer-{number}-{step}";
        var offer = await SendAsync("offer", () => Customer(HttpMethod.Post, "/v4/payout/offer",
            new { amount = PayoutAmount, fromCurrency = "USDT", toCurrency = "EUR", cardId }, offerKey), cancellationToken);
        if (offer?.TryGetProperty("offerId", out var offerId) != true)
        {
            return;
        }

        var payKey = $"soak-pay-{number}-{step}";
        var paid = await SendAsync("pay", () => Customer(HttpMethod.Post, $"/v4/payout/pay/{offerId.GetInt64()}", null, payKey), cancellationToken);
        if (paid?.TryGetProperty("operationId", out _) == true || paid?.TryGetProperty("id", out _) == true)
        {
            Payouts++;
        }
    }

    private long PickCard()
    {
        var roll = random.Next(cards.Sum(c => c.Weight));
        foreach (var (cardId, weight) in cards)
        {
            if ((roll -= weight) < 0)
            {
                return cardId;
            }
        }

        return cards[0].CardId;
    }

    private Task DepositAsync(decimal amount, string reference, CancellationToken cancellationToken) =>
        SendAsync("deposit", () => Admin(HttpMethod.Post, $"/admin/v1/customers/{customerId}/deposits",
            new { currency = "USDT", amount, reference }), cancellationToken);

    private async Task SignInAsync(CancellationToken cancellationToken)
    {
        var token = await SendAsync("sign in", () => SignInRequest(phone, password), cancellationToken);
        if (token?.TryGetProperty("access_token", out var access) == true)
        {
            accessToken = access.GetString()!;
        }
    }

    private Task WrongSignInAsync(CancellationToken cancellationToken) =>
        SendAsync("wrong sign in", () => SignInRequest($"+4477018{random.Next(100_000):D5}", "not-the-password"), cancellationToken);

    private static HttpRequestMessage SignInRequest(string number, string secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "mobile_phone", ["number"] = number, ["password"] = secret }),
        };
        request.Headers.Add("X-Merchant-ID", SoakEnvironment.MerchantId);
        return request;
    }

    private static HttpRequestMessage Admin(HttpMethod method, string path, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Admin-Key", SoakEnvironment.AdminKey);
        return request;
    }

    private HttpRequestMessage Customer(HttpMethod method, string path, object? body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Add("X-Sdk-Version", "payoutCard=1.2");
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    /// <summary>
    /// Sends to a random API process until one answers something other than 503 (or the attempts run out). A dropped
    /// connection is a killed process: try another. An answer later than the request timeout is a hang: a violation.
    /// </summary>
    private async Task<JsonElement?> SendAsync(string what, Func<HttpRequestMessage> make, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts && !cancellationToken.IsCancellationRequested; attempt++)
        {
            using var request = make();
            request.RequestUri = new Uri(environment.PickApi(random), request.RequestUri!);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(environment.Options.RequestTimeoutSeconds));
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, timeout.Token);
            }
            catch (HttpRequestException)
            {
                tally.ConnectionError();
                await Task.Delay(200, cancellationToken);
                continue;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                tally.Violation($"{what}: no answer within {environment.Options.RequestTimeoutSeconds} s");
                return null;
            }

            using (response)
            {
                JsonElement? body;
                try
                {
                    body = await tally.CheckAsync(what, response);
                }
                catch (HttpRequestException)
                {
                    // The process died while it was sending the body.
                    tally.ConnectionError();
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && what != "sign in" && what != "wrong sign in" && !what.StartsWith("create", StringComparison.Ordinal))
                {
                    await SignInAsync(cancellationToken);
                    continue;
                }

                return response.IsSuccessStatusCode ? body : null;
            }
        }

        return null;
    }
}
