using System.Globalization;
using System.Text;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Hostile;

/// <summary>
/// A valid request for each operation of the document, as its actor: credentials for its security scheme, required
/// headers from their examples, the actor's own ids in the path, and a body of plausible values — known member names
/// get values that pass our rules (test data, not per-endpoint code), anything else a value of its schema type. Hostile
/// changes then start from something the service would accept, so each one reaches the rule it is meant to test.
/// </summary>
public static class BaseRequests
{
    public static Draft For(ApiOperation operation, Actor actor) => new(
        operation,
        operation.Method,
        operation.In("path").ToDictionary(p => p.Name, p => PathValue(p, actor)),
        [.. operation.In("query").Select(p => (p.Name, Uri.EscapeDataString(QueryValue(p, actor))))],
        [.. Credentials(operation.Security, actor), .. operation.In("header").Where(h => h.Required).Select(h => (h.Name, h.Example ?? "x"))],
        operation.Body is { } body ? [.. body.Properties.Select(p => (p.Name, Member(p, body.IsJson, operation, actor)))] : null,
        ContentType: operation.Body?.ContentType);

    public static IEnumerable<(string Name, string Value)> Credentials(ApiSecurity security, Actor actor) => security switch
    {
        ApiSecurity.Bearer => [("Authorization", "Bearer " + actor.Token.AccessToken)],
        ApiSecurity.AdminKey => [("X-Admin-Key", PayoutApp.AdminKey)],
        ApiSecurity.ConsoleSession => actor.Session is { } session
            ? [("Cookie", session.Cookie), (ConsoleSession.CsrfHeader, session.CsrfToken)]
            : throw new InvalidOperationException("An operation the console calls needs an actor signed in to the console."),
        _ => [],
    };

    /// <summary>The same base with every id in the path naming nothing: for changes that may be accepted, so nothing moves.</summary>
    public static Draft NamingNothing(Draft draft) => draft with
    {
        PathValues = draft.Operation.In("path").ToDictionary(p => p.Name, p => p.Type == "integer" ? Actor.Nobody.ToString(CultureInfo.InvariantCulture) : "XXX"),
    };

    private static string PathValue(ApiParameter parameter, Actor actor) => parameter.Name switch
    {
        "customerId" => Id(actor.Customer.Id),
        "cardId" => Id(actor.CardId),
        "offerId" => Id(actor.OfferId),
        "operationId" => Id(actor.OperationId),
        "currency" => "EUR",
        "date" => ADay,
        _ => parameter.Type == "integer" ? Id(actor.Customer.Id) : parameter.Example ?? "x",
    };

    private static string QueryValue(ApiParameter parameter, Actor actor) => parameter.Name switch
    {
        "offset" => "0",
        "size" => "10",
        "status" => "SUCCESS",
        "currency" => "USDT",
        "phone" => actor.Customer.Phone,
        "date" or "from" or "to" => ADay,
        "customerId" => Id(actor.Customer.Id),
        "after" => "0",
        "merchantId" => TestCustomer.MerchantId,
        _ => parameter.Example ?? (parameter.Type == "integer" ? "1" : "x"),
    };

    private static byte[] Member(ApiProperty property, bool json, ApiOperation operation, Actor actor)
    {
        var value = Known(property.Name, operation, actor) ?? ByType(property.Type);
        if (!json)
        {
            return Encoding.ASCII.GetBytes(Uri.EscapeDataString(value is string text ? text : Convert.ToString(value, CultureInfo.InvariantCulture)!));
        }

        return JsonSerializer.SerializeToUtf8Bytes(value);
    }

    private static object? Known(string name, ApiOperation operation, Actor actor) => name switch
    {
        "amount" => 10m,
        "currency" => "USDT",
        "fromCurrency" => "USDT",
        "toCurrency" => "EUR",
        "cardId" => actor.CardId,
        "cardNumber" => "4012888888881881",
        "cardHolder" => "Test Customer",
        "cardExpirationYear" => 2030,
        "cardExpirationMonth" => 12,
        "address" => "1 High Street",
        "city" => "London",
        "countryCode" => "GB",
        "zip" => "SW1A 1AA",
        "state" => "Greater London",
        "merchantId" => TestCustomer.MerchantId,
        "phone" or "number" => actor.Customer.Phone,
        "password" => actor.Customer.Password,
        "kycLevel" => "KYC_1",
        "reference" => $"hostile-{operation.Method}-{actor.Customer.Id}",
        "grant_type" => "mobile_phone",
        "refresh_token" => actor.Token.RefreshToken,
        "key" => PayoutApp.AdminKey,
        "payoutId" => "op-" + Id(actor.OperationId),
        "status" => "PAID",
        "maxSlippage" => 0.01m,
        _ => null,
    };

    /// <summary>A finished UTC day before the test clock's today (reports and reconciliation take days up to today).</summary>
    private const string ADay = "2026-11-22";

    private static object ByType(string type) => type switch
    {
        "integer" => 1,
        "number" => 1m,
        "boolean" => true,
        _ => "sample",
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
