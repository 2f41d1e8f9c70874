using System.Text.Json.Serialization;

namespace Payout.Client.Internal;

/// <summary>
/// The client's own JSON settings, source-generated (trimming and AOT safe): camelCase, case-insensitive
/// reads, strict numbers (<c>"amount": "10"</c> is refused, as the API refuses it), nulls not written.
/// Decimals are read from and written to the JSON text directly, never through <c>double</c>, so every
/// digit survives.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(AddCardRequest))]
[JsonSerializable(typeof(BillingAddress))]
[JsonSerializable(typeof(Card))]
[JsonSerializable(typeof(PayoutData))]
[JsonSerializable(typeof(CreateOfferRequest))]
[JsonSerializable(typeof(UpdateOfferRequest))]
[JsonSerializable(typeof(Offer))]
[JsonSerializable(typeof(PayoutResult))]
[JsonSerializable(typeof(HistoryPage))]
[JsonSerializable(typeof(PayoutOperation))]
[JsonSerializable(typeof(CreateCustomerRequest))]
[JsonSerializable(typeof(CustomerInfo))]
[JsonSerializable(typeof(CustomerList))]
[JsonSerializable(typeof(KycChange))]
[JsonSerializable(typeof(Deposit))]
[JsonSerializable(typeof(CurrencyBalance))]
[JsonSerializable(typeof(CustomerBalances))]
[JsonSerializable(typeof(ReasonDetail))]
[JsonSerializable(typeof(PayoutReceipt))]
[JsonSerializable(typeof(ReceiptKeySet))]
[JsonSerializable(typeof(ReceiptHeader))]
internal sealed partial class PayoutJsonContext : JsonSerializerContext;
