using System.Text.Json.Serialization.Metadata;
using Payout.Client.Internal;

namespace Payout.Client;

/// <summary>
/// The operator API (<c>/admin/v1</c>, header <c>X-Admin-Key</c>): customers, KYC levels, deposits, balances.
/// For back-office tools and tests, never for a customer's app. Thread-safe.
/// </summary>
public sealed class PayoutAdminClient
{
    private const string KeyHeader = "X-Admin-Key";
    private static readonly PayoutJsonContext Json = PayoutJsonContext.Default;

    private readonly HttpClient httpClient;
    private readonly Uri baseAddress;
    private readonly string apiKey;

    /// <summary>Creates a client; with <c>IHttpClientFactory</c>, use <see cref="PayoutServiceCollectionExtensions.AddPayoutAdminClient"/>.</summary>
    public PayoutAdminClient(HttpClient httpClient, PayoutAdminClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        this.httpClient = httpClient;
        baseAddress = ApiHttp.BaseAddressOf(options.BaseAddress, httpClient);
        apiKey = options.ApiKey;
    }

    /// <summary>Creates a customer. 409 <c>CONFLICT</c> when the phone is taken at that merchant.</summary>
    public Task<CustomerInfo> CreateCustomerAsync(CreateCustomerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(ApiRequest.Json(HttpMethod.Post, "admin/v1/customers", request, Json.CreateCustomerRequest), Json.CustomerInfo, cancellationToken);
    }

    /// <summary>The customers with this phone, at any merchant.</summary>
    public async Task<IReadOnlyList<CustomerInfo>> FindCustomersAsync(string phone, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(phone);
        var list = await SendAsync(
            new ApiRequest(HttpMethod.Get, "admin/v1/customers?phone=" + Uri.EscapeDataString(phone)), Json.CustomerList, cancellationToken);
        return list.Items ?? [];
    }

    /// <summary>Changes a customer's KYC level (one of <see cref="KycLevels"/>).</summary>
    public Task<CustomerInfo> ChangeKycLevelAsync(long customerId, string kycLevel, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kycLevel);
        return SendAsync(
            ApiRequest.Json(HttpMethod.Put, $"admin/v1/customers/{ApiHttp.Id(customerId)}/kyc", new KycChange(kycLevel), Json.KycChange),
            Json.CustomerInfo, cancellationToken);
    }

    /// <summary>Credits crypto that came in from outside (a blockchain transaction, say) and answers the new balance.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="currency">The crypto, e.g. <c>USDT</c>.</param>
    /// <param name="amount">&gt; 0, at most the currency's scale in decimals.</param>
    /// <param name="reference">Optional external reference (a transaction hash); the same reference credits only once.</param>
    /// <param name="idempotencyKey">Optional <c>Idempotency-Key</c>.</param>
    public Task<CurrencyBalance> DepositAsync(
        long customerId, string currency, decimal amount, string? reference = null, string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(currency);
        return SendAsync(
            ApiRequest.Json(HttpMethod.Post, $"admin/v1/customers/{ApiHttp.Id(customerId)}/deposits",
                new Deposit(currency, amount, reference), Json.Deposit, idempotencyKey),
            Json.CurrencyBalance, cancellationToken);
    }

    /// <summary>A customer's balance in every crypto currency.</summary>
    public Task<CustomerBalances> GetBalancesAsync(long customerId, CancellationToken cancellationToken = default) =>
        SendAsync(new ApiRequest(HttpMethod.Get, $"admin/v1/customers/{ApiHttp.Id(customerId)}/balances"), Json.CustomerBalances, cancellationToken);

    /// <summary>Every merchant's events after <paramref name="after"/> (or one merchant's), in sequence order.</summary>
    public Task<EventPage> GetEventsAsync(long after = 0, int limit = 100, Guid? merchantId = null, CancellationToken cancellationToken = default) =>
        SendAsync(new ApiRequest(HttpMethod.Get, PayoutEventsClient.EventsPath(after, limit, merchantId)), EventsJsonContext.Default.EventPage, cancellationToken);

    private async Task<T> SendAsync<T>(ApiRequest request, JsonTypeInfo<T> responseType, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var message = request.Build(baseAddress);
        message.Headers.Add(KeyHeader, apiKey);
        using var response = await httpClient.SendAsync(message, cancellationToken);
        return await ApiHttp.ReadAsync(response, responseType, cancellationToken);
    }
}
