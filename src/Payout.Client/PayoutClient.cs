using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Serialization.Metadata;
using Payout.Client.Internal;

namespace Payout.Client;

/// <summary>
/// The typed client of the PayOut API (<c>/oauth/token</c>, <c>/signout</c>, <c>/v4/payout/*</c>). Thread-safe.
/// </summary>
/// <remarks>
/// Every non-2xx answer throws <see cref="PayoutApiException"/>. On a 401 from a <c>/v4/payout/*</c> call, when a
/// refresh token is held, the client refreshes the tokens once (one refresh for all concurrent callers) and
/// sends the call once more; a refused refresh signs the session out and surfaces the 401.
/// </remarks>
public sealed class PayoutClient
{
    private const string SdkVersionHeader = "X-Sdk-Version";
    private const string MerchantHeader = "X-Merchant-ID";
    private static readonly PayoutJsonContext Json = PayoutJsonContext.Default;

    private readonly HttpClient httpClient;
    private readonly Uri baseAddress;
    private readonly PayoutClientOptions options;

    /// <summary>Creates a client; with <c>IHttpClientFactory</c>, use <see cref="PayoutServiceCollectionExtensions.AddPayoutClient"/> instead.</summary>
    /// <param name="httpClient">The HTTP client to send through (not disposed by this client).</param>
    /// <param name="options">Base address, merchant and SDK version.</param>
    /// <param name="session">The sign-in state to use; a new, signed-out one when null.</param>
    public PayoutClient(HttpClient httpClient, PayoutClientOptions options, PayoutSession? session = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        this.httpClient = httpClient;
        this.options = options;
        baseAddress = ApiHttp.BaseAddressOf(options.BaseAddress, httpClient);
        Session = session ?? new PayoutSession();
    }

    /// <summary>Creates a client that resumes a session with tokens saved earlier.</summary>
    public PayoutClient(HttpClient httpClient, PayoutClientOptions options, TokenPair? tokens)
        : this(httpClient, options, new PayoutSession(tokens))
    {
    }

    /// <summary>The sign-in state (subscribe to <see cref="PayoutSession.TokensChanged"/> to persist tokens).</summary>
    public PayoutSession Session { get; }

    /// <summary>The current tokens; null when signed out.</summary>
    public TokenPair? Tokens => Session.Tokens;

    /// <summary>Signs in with phone and password (<c>grant_type=mobile_phone</c>) and keeps the tokens.</summary>
    /// <param name="phone">E.164, e.g. <c>+447871239999</c>.</param>
    /// <param name="password">The customer's password.</param>
    /// <exception cref="PayoutApiException">401 for a wrong phone, password or merchant; 429 when locked out.</exception>
    public async Task<TokenPair> SignInAsync(string phone, string password, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(phone);
        ArgumentException.ThrowIfNullOrEmpty(password);
        var tokens = await RequestTokensAsync(
            [new("grant_type", "mobile_phone"), new("number", phone), new("password", password)], cancellationToken);
        Session.Tokens = tokens;
        return tokens;
    }

    /// <summary>Exchanges the held refresh token for a new pair (the old one stops working).</summary>
    /// <exception cref="InvalidOperationException">No refresh token is held.</exception>
    /// <exception cref="PayoutApiException">The refresh was refused (the session is then signed out), or another error.</exception>
    public async Task<TokenPair> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await Session.RefreshGate.WaitAsync(cancellationToken);
        try
        {
            var current = Session.Tokens;
            if (current?.RefreshToken is null)
            {
                throw new InvalidOperationException("No refresh token is held: sign in first.");
            }

            return await RefreshCoreAsync(current, cancellationToken);
        }
        finally
        {
            Session.RefreshGate.Release();
        }
    }

    /// <summary>
    /// Revokes the customer's tokens on the server (<c>POST /signout</c>) and forgets them here, even when the
    /// call fails. A 401 (the tokens were already dead) is not an error.
    /// </summary>
    public async Task SignOutAsync(CancellationToken cancellationToken = default)
    {
        if (Session.Tokens is null)
        {
            return;
        }

        try
        {
            using var response = await SendAuthorizedAsync(new ApiRequest(HttpMethod.Post, "signout"), sdkHeader: false, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                await ApiHttp.EnsureSuccessAsync(response, cancellationToken);
            }
        }
        finally
        {
            Session.Tokens = null;
        }
    }

    /// <summary>Adds a card, or returns the existing one when the customer added that number before.</summary>
    /// <param name="request">The card; its number is sent as a JSON string of digits.</param>
    /// <param name="idempotencyKey">Optional <c>Idempotency-Key</c>: the same key and body answer the stored result for 24 h.</param>
    public Task<Card> AddCardAsync(AddCardRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request with { CardNumber = CardNumberMask.Normalize(request.CardNumber) };
        return SendAsync(ApiRequest.Json(HttpMethod.Post, "v4/payout/card", body, Json.AddCardRequest, idempotencyKey), Json.Card, cancellationToken);
    }

    /// <summary>Sets (or replaces) a card's billing address, required before its first payout.</summary>
    public Task<Card> SetBillingAddressAsync(long cardId, BillingAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        return SendAsync(
            ApiRequest.Json(HttpMethod.Post, $"v4/payout/card/{ApiHttp.Id(cardId)}/billing-address", address, Json.BillingAddress),
            Json.Card, cancellationToken);
    }

    /// <summary>Removes a card from the customer's list (its history stays).</summary>
    public Task DeleteCardAsync(long cardId, CancellationToken cancellationToken = default) =>
        SendAsync(new ApiRequest(HttpMethod.Delete, $"v4/payout/card/{ApiHttp.Id(cardId)}"), cancellationToken);

    /// <summary>Rates, fees, and the customer's cards with their limits (<c>GET /v4/payout/data</c>).</summary>
    public Task<PayoutData> GetDataAsync(CancellationToken cancellationToken = default) =>
        SendAsync(new ApiRequest(HttpMethod.Get, "v4/payout/data"), Json.PayoutData, cancellationToken);

    /// <summary>Asks for a quote. A quote that cannot be executed is not an error: see <see cref="Offer.Reasons"/>.</summary>
    /// <param name="request">Amount, pair and card.</param>
    /// <param name="idempotencyKey">Optional <c>Idempotency-Key</c>: the same key and body answer the stored result for 24 h.</param>
    public Task<Offer> CreateOfferAsync(CreateOfferRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(ApiRequest.Json(HttpMethod.Post, "v4/payout/offer", request, Json.CreateOfferRequest, idempotencyKey), Json.Offer, cancellationToken);
    }

    /// <summary>Re-quotes an offer at the current rate with a new amount or pair; the offer id stays, its lifetime restarts.</summary>
    public Task<Offer> UpdateOfferAsync(long offerId, UpdateOfferRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(
            ApiRequest.Json(HttpMethod.Put, $"v4/payout/offer/{ApiHttp.Id(offerId)}", request, Json.UpdateOfferRequest),
            Json.Offer, cancellationToken);
    }

    /// <summary>
    /// Executes an offer: the crypto is debited and the fiat sent to the card. Executing it again answers the same
    /// operation and never debits twice.
    /// </summary>
    /// <param name="offerId">The offer to execute.</param>
    /// <param name="idempotencyKey">Optional <c>Idempotency-Key</c>: the same key answers the stored result for 24 h.</param>
    public Task<PayoutResult> ExecuteAsync(long offerId, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        SendAsync(new ApiRequest(HttpMethod.Post, $"v4/payout/pay/{ApiHttp.Id(offerId)}", IdempotencyKey: idempotencyKey), Json.PayoutResult, cancellationToken);

    /// <summary>A page of the customer's payouts, newest first.</summary>
    /// <param name="offset">How many to skip.</param>
    /// <param name="size">Page size, at most 100.</param>
    /// <param name="status">Only this status (see <see cref="PayoutStatus"/>); all when null.</param>
    /// <param name="currency">Only this currency; all when null.</param>
    public Task<HistoryPage> GetHistoryAsync(
        int offset = 0, int size = 50, string? status = null, string? currency = null, CancellationToken cancellationToken = default)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"v4/payout/history?offset={offset}&size={size}")
            + (string.IsNullOrEmpty(status) ? "" : "&status=" + Uri.EscapeDataString(status))
            + (string.IsNullOrEmpty(currency) ? "" : "&currency=" + Uri.EscapeDataString(currency));
        return SendAsync(new ApiRequest(HttpMethod.Get, query), Json.HistoryPage, cancellationToken);
    }

    /// <summary>One payout of the customer.</summary>
    public Task<PayoutOperation> GetOperationAsync(long operationId, CancellationToken cancellationToken = default) =>
        SendAsync(new ApiRequest(HttpMethod.Get, $"v4/payout/operations/{ApiHttp.Id(operationId)}"), Json.PayoutOperation, cancellationToken);

    /// <summary>
    /// The signed receipt of one payout (<c>GET /v4/payout/operations/{operationId}/receipt</c>): a compact JWS over its terms,
    /// to keep as proof or hand on. Check it with <see cref="ReceiptVerifier"/> or use <see cref="GetVerifiedReceiptAsync"/>.
    /// </summary>
    public async Task<string> GetReceiptAsync(long operationId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAuthorizedAsync(
            new ApiRequest(HttpMethod.Get, $"v4/payout/operations/{ApiHttp.Id(operationId)}/receipt"), sdkHeader: true, cancellationToken);
        await ApiHttp.EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
    }

    /// <summary>The keys that verify receipts (<c>GET /.well-known/jwks.json</c>; needs no sign-in).</summary>
    public async Task<ReceiptKeySet> GetReceiptKeysAsync(CancellationToken cancellationToken = default)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, ".well-known/jwks.json"));
        using var response = await httpClient.SendAsync(message, cancellationToken);
        return await ApiHttp.ReadAsync(response, Json.ReceiptKeySet, cancellationToken);
    }

    /// <summary>
    /// Fetches a payout's receipt and verifies it: with <paramref name="keys"/> when given (e.g. a set the app keeps), else
    /// with the service's published keys. Also checks that the receipt is for <paramref name="operationId"/>.
    /// </summary>
    /// <exception cref="ReceiptVerificationException">The receipt does not verify, or is for another operation.</exception>
    public async Task<PayoutReceipt> GetVerifiedReceiptAsync(long operationId, ReceiptKeySet? keys = null, CancellationToken cancellationToken = default)
    {
        var receipt = await GetReceiptAsync(operationId, cancellationToken);
        var terms = ReceiptVerifier.Verify(receipt, keys ?? await GetReceiptKeysAsync(cancellationToken));
        return terms.OperationId == operationId
            ? terms
            : throw new ReceiptVerificationException($"The receipt is for operation {terms.OperationId}, not {operationId}.");
    }

    private async Task<T> SendAsync<T>(ApiRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        using var response = await SendAuthorizedAsync(request, sdkHeader: true, cancellationToken);
        return await ApiHttp.ReadAsync(response, responseType, cancellationToken);
    }

    private async Task SendAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAuthorizedAsync(request, sdkHeader: true, cancellationToken);
        await ApiHttp.EnsureSuccessAsync(response, cancellationToken);
    }

    /// <summary>Sends with the current access token; on a 401, refreshes once and sends once more.</summary>
    private async Task<HttpResponseMessage> SendAuthorizedAsync(ApiRequest request, bool sdkHeader, CancellationToken cancellationToken)
    {
        var used = Session.Tokens;
        var response = await SendOnceAsync(request, used, sdkHeader, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Unauthorized || used?.RefreshToken is null)
        {
            return response;
        }

        PayoutApiException unauthorized;
        using (response)
        {
            unauthorized = await ApiHttp.ToExceptionAsync(response, cancellationToken);
        }

        if (!await TryRefreshAfterAsync(used, cancellationToken))
        {
            throw unauthorized;
        }

        return await SendOnceAsync(request, Session.Tokens, sdkHeader, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(ApiRequest request, TokenPair? tokens, bool sdkHeader, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var message = request.Build(baseAddress);
        if (tokens is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        }

        if (sdkHeader)
        {
            message.Headers.Add(SdkVersionHeader, "payoutCard=" + options.SdkVersion);
        }

        return await httpClient.SendAsync(message, cancellationToken);
    }

    /// <summary>
    /// One refresh for every caller that met a 401 with the same access token: whoever comes second finds the
    /// tokens already replaced and just retries. False when there is nothing left to retry with.
    /// </summary>
    private async Task<bool> TryRefreshAfterAsync(TokenPair used, CancellationToken cancellationToken)
    {
        await Session.RefreshGate.WaitAsync(cancellationToken);
        try
        {
            var current = Session.Tokens;
            if (current is null)
            {
                return false;
            }

            if (!string.Equals(current.AccessToken, used.AccessToken, StringComparison.Ordinal))
            {
                return true;
            }

            if (current.RefreshToken is null)
            {
                return false;
            }

            await RefreshCoreAsync(current, cancellationToken);
            return true;
        }
        catch (PayoutApiException refused) when (IsRefusal(refused))
        {
            return false;
        }
        finally
        {
            Session.RefreshGate.Release();
        }
    }

    /// <summary>Call with the gate held. A refused refresh token is dead: the session is signed out.</summary>
    private async Task<TokenPair> RefreshCoreAsync(TokenPair current, CancellationToken cancellationToken)
    {
        try
        {
            var fresh = await RequestTokensAsync(
                [new("grant_type", "refresh_token"), new("refresh_token", current.RefreshToken!)], cancellationToken);
            Session.TryReplace(current, fresh);
            return fresh;
        }
        catch (PayoutApiException refused) when (IsRefusal(refused))
        {
            Session.TryReplace(current, null);
            throw;
        }
    }

    private static bool IsRefusal(PayoutApiException error) =>
        error.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest;

    private async Task<TokenPair> RequestTokensAsync(KeyValuePair<string, string>[] form, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (options.MerchantId == Guid.Empty)
        {
            throw new InvalidOperationException("Set PayoutClientOptions.MerchantId: token requests carry X-Merchant-ID.");
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "oauth/token"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        message.Headers.Add(MerchantHeader, options.MerchantId.ToString());
        using var response = await httpClient.SendAsync(message, cancellationToken);
        var body = await ApiHttp.ReadAsync(response, Json.TokenResponse, cancellationToken);
        var expiresAt = body.ExpiresIn is { } seconds ? DateTimeOffset.UtcNow.AddSeconds(seconds) : (DateTimeOffset?)null;
        return new TokenPair(body.AccessToken, body.RefreshToken, expiresAt);
    }
}
