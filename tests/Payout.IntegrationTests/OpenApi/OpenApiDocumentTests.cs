using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.OpenApi;

/// <summary>
/// The OpenAPI document describes every endpoint the service maps, with its gates, and what the service
/// really sends matches the schemas. <c>docs/openapi.json</c> is the document, committed so API changes show in
/// diffs: when it differs, run <c>PAYOUT_UPDATE_OPENAPI=1 dotnet test tests/Payout.IntegrationTests --filter OpenApi</c>.
/// </summary>
[Collection(SharedAppCollection.Name)]
public sealed class OpenApiDocumentTests(PayoutApp app)
{
    /// <summary>Not PayOut's API: documents, probes, and the embedded sandbox network (its protocol is in src/Payout.Sandbox/README.md).</summary>
    private static readonly string[] Plumbing = ["/openapi", "/docs", "/metrics", "/health", "/sandbox-network", "/console"];

    private static readonly string[] HttpMethods = ["GET", "POST", "PUT", "DELETE"];

    [Fact]
    public async Task Every_mapped_route_is_in_the_document()
    {
        var paths = (await DocumentAsync()).GetProperty("paths");
        var routes = app.Inside.Routes
            .Where(e => !Plumbing.Any(p => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith(p, StringComparison.Ordinal)))
            .Where(e => e.RoutePattern.RawText != "/") // the demo app's page
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Path: CommittedOpenApi.OpenApiPath(e.RoutePattern.RawText!), Method: method.ToLowerInvariant())))
            .ToList();

        Assert.True(routes.Count >= 17, $"Only {routes.Count} routes found.");
        var missing = routes.Where(r => !paths.TryGetProperty(r.Path, out var item) || !item.TryGetProperty(r.Method, out _)).ToList();
        Assert.True(missing.Count == 0, "Not in the document: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task Every_payout_operation_names_the_bearer_scheme_the_sdk_header_and_its_error_answers()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).Where(o => o.Path.StartsWith("/v4/payout/", StringComparison.Ordinal)).ToList();

        Assert.Equal(10, operations.Count);
        foreach (var (path, method, operation) in operations)
        {
            var where = $"{method} {path}";
            var sdk = Assert.Single(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "X-Sdk-Version");
            Assert.Equal("header", sdk.GetProperty("in").GetString());
            Assert.True(sdk.GetProperty("required").GetBoolean(), where);
            Assert.Equal("Bearer", Assert.Single(operation.GetProperty("security").EnumerateArray()).EnumerateObject().Single().Name);
            foreach (var status in new[] { 400, 401, 403, 429 })
            {
                AssertErrorBody(document, path, method, status);
            }

            Assert.True(document.ResponseSchema(path, method, 429).ValueKind == JsonValueKind.Object);
            Assert.True(operation.GetProperty("responses").GetProperty("429").GetProperty("headers").TryGetProperty("Retry-After", out _), where);
        }

        AssertErrorBody(document, "/v4/payout/pay/{offerId}", "post", 404);
        AssertErrorBody(document, "/v4/payout/data", "get", 503);
        AssertErrorBody(document, "/v4/payout/offer", "post", 503);
        Assert.Equal("OfferResponse", RefName(document.ResponseSchema("/v4/payout/offer", "post", 200)));
        Assert.Equal("PayoutResponse", RefName(document.ResponseSchema("/v4/payout/pay/{offerId}", "post", 200)));
        Assert.Equal("CreateOfferRequest", RefName(document.GetProperty("paths").GetProperty("/v4/payout/offer").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")));
    }

    [Fact]
    public async Task The_document_declares_both_security_schemes_and_uses_the_admin_key_on_the_operator_api()
    {
        var document = await DocumentAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("http", schemes.GetProperty("Bearer").GetProperty("type").GetString());
        Assert.Equal("apiKey", schemes.GetProperty("AdminKey").GetProperty("type").GetString());
        Assert.Equal("X-Admin-Key", schemes.GetProperty("AdminKey").GetProperty("name").GetString());
        Assert.Equal("header", schemes.GetProperty("AdminKey").GetProperty("in").GetString());
        Assert.False(string.IsNullOrWhiteSpace(document.GetProperty("info").GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(document.GetProperty("info").GetProperty("description").GetString()));

        var admin = Operations(document).Where(o => o.Path.StartsWith("/admin/v1/", StringComparison.Ordinal)).ToList();
        Assert.Equal(23, admin.Count);
        Assert.All(admin, o =>
        {
            var schemesUsed = o.Operation.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name).ToList();
            // Events also open with a merchant's own key: either requirement is enough.
            string[] expected = o.Path == "/admin/v1/events" ? ["AdminKey", "MerchantKey"] : ["AdminKey"];
            Assert.Equal(expected, schemesUsed);
            AssertErrorBody(document, o.Path, o.Method, 401);
        });
        AssertErrorBody(document, "/admin/v1/customers", "post", 409);
        AssertErrorBody(document, "/admin/v1/reconciliation/{date}", "post", 409);
        AssertErrorBody(document, "/admin/v1/reconciliation/{date}", "post", 503);
        Assert.True(document.GetProperty("paths").GetProperty("/admin/v1/reports/daily").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _));

        var token = document.GetProperty("paths").GetProperty("/oauth/token").GetProperty("post");
        Assert.Contains(token.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "X-Merchant-ID");
        Assert.True(token.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/x-www-form-urlencoded", out _));
        Assert.False(token.TryGetProperty("security", out _));
        AssertErrorBody(document, "/oauth/token", "post", 429);
    }

    [Fact]
    public async Task Real_answers_match_the_schemas_of_the_document()
    {
        var document = await DocumentAsync();
        var (customer, client, cardId) = await app.PayingCustomerAsync();

        var data = await client.GetAsync("/v4/payout/data");
        (await BodyAsync(data, HttpStatusCode.OK)).AssertMatchesSchema(document.ResponseSchema("/v4/payout/data", "get", 200), document);

        var offer = await app.CreateOfferAsync(client, cardId, 100m);
        var offerBody = await BodyAsync(offer, HttpStatusCode.OK);
        offerBody.AssertMatchesSchema(document.ResponseSchema("/v4/payout/offer", "post", 200), document);

        var paid = await app.PayAsync(client, offerBody.GetProperty("offerId").GetInt64());
        (await BodyAsync(paid, HttpStatusCode.OK)).AssertMatchesSchema(document.ResponseSchema("/v4/payout/pay/{offerId}", "post", 200), document);

        var card = await client.PostAsJsonAsync($"/v4/payout/card/{cardId}/billing-address",
            new { address = "2 High Street", city = "London", countryCode = "GB", zip = "SW1A 1AA" });
        (await BodyAsync(card, HttpStatusCode.OK)).AssertMatchesSchema(
            document.ResponseSchema("/v4/payout/card/{cardId}/billing-address", "post", 200), document);

        var notFound = await app.PayAsync(client, 999_999_999);
        (await BodyAsync(notFound, HttpStatusCode.NotFound)).AssertMatchesSchema(document.ResponseSchema("/v4/payout/pay/{offerId}", "post", 404), document);

        // A quote that cannot be executed (above the maximum, more than the balance), and execute's refusal of it, with what clears each.
        var refusedQuote = await BodyAsync(await app.CreateOfferAsync(client, cardId, 5_000m), HttpStatusCode.OK);
        Assert.NotEmpty(refusedQuote.GetProperty("reasonDetails").EnumerateArray());
        refusedQuote.AssertMatchesSchema(document.ResponseSchema("/v4/payout/offer", "post", 200), document);
        var refused = await BodyAsync(await app.PayAsync(client, refusedQuote.GetProperty("offerId").GetInt64()), HttpStatusCode.BadRequest);
        Assert.NotEmpty(refused.GetProperty("data").EnumerateObject());
        refused.AssertMatchesSchema(document.ResponseSchema("/v4/payout/pay/{offerId}", "post", 400), document);

        var invalid = await client.PostAsJsonAsync("/v4/payout/offer", new { amount = "10", fromCurrency = "USDT", toCurrency = "EUR", cardId });
        (await BodyAsync(invalid, HttpStatusCode.BadRequest)).AssertMatchesSchema(document.ResponseSchema("/v4/payout/offer", "post", 400), document);

        using var admin = app.AdminClient();
        var balances = await admin.GetAsync($"/admin/v1/customers/{customer.Id}/balances");
        (await BodyAsync(balances, HttpStatusCode.OK)).AssertMatchesSchema(
            document.ResponseSchema("/admin/v1/customers/{customerId}/balances", "get", 200), document);
    }

    [Fact]
    public async Task The_committed_document_is_the_served_one()
    {
        using var client = app.CreateClient();
        var served = await client.GetStringAsync("/openapi/v1.json");
        var file = CommittedOpenApi.FilePath;
        var committed = File.Exists(file) ? await File.ReadAllTextAsync(file) : "{}";

        if (!JsonNode.DeepEquals(JsonNode.Parse(served), JsonNode.Parse(committed)))
        {
            if (Environment.GetEnvironmentVariable("PAYOUT_UPDATE_OPENAPI") == "1")
            {
                await File.WriteAllTextAsync(file, served.ReplaceLineEndings("\n").TrimEnd() + "\n");
                return;
            }

            Assert.Fail("docs/openapi.json differs from the served document. If the API change is intended, run "
                + "PAYOUT_UPDATE_OPENAPI=1 dotnet test tests/Payout.IntegrationTests --filter OpenApi and commit the file.");
        }
    }

    /// <summary>
    /// What each endpoint declares it can answer (its handler's and gates' codes, and the framework's) is in the committed
    /// document under the code's status. What the service really answers is checked too, by every test app when it is
    /// disposed (<see cref="AnsweredErrors"/>).
    /// </summary>
    [Fact]
    public void Every_code_each_handler_can_answer_is_documented_under_its_status()
    {
        var declared = app.Inside.Routes
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Where(e => !Plumbing.Any(p => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith(p, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .SelectMany(method => EndpointErrors.Of(e.Metadata).Select(code => (Route: e.RoutePattern.RawText!, Method: method, Code: code))))
            .ToList();

        Assert.Contains(declared, d => d.Route == "/v4/payout/pay/{offerId:long}" && d.Code == ErrorCode.NETWORK_FLOAT_LOW);
        var missing = declared.Where(d => !CommittedOpenApi.Documents(d.Route, d.Method, ErrorCatalog.StatusOf(d.Code), d.Code.ToString()))
            .Select(d => $"{d.Method} {d.Route} {ErrorCatalog.StatusOf(d.Code)} {d.Code}")
            .ToList();
        Assert.True(missing.Count == 0, "Not in docs/openapi.json: " + string.Join("; ", missing));
    }

    /// <summary>The README promises a runnable request for every endpoint in <c>src/Payout.Api/Payout.Api.http</c>.</summary>
    [Fact]
    public void Every_route_has_a_runnable_request_in_the_http_file()
    {
        var requests = File.ReadAllLines(Path.Combine(CommittedOpenApi.RepositoryRoot(), "src", "Payout.Api", "Payout.Api.http"))
            .Select(line => line.Split(' '))
            .Where(parts => parts is [var method, var url, ..] && HttpMethods.Any(m => m == method) && url.StartsWith("{{base}}/", StringComparison.Ordinal))
            .Select(parts => (Method: parts[0], Path: parts[1]["{{base}}".Length..].Split('?')[0]))
            .ToList();
        var routes = app.Inside.Routes
            .Where(e => !Plumbing.Any(p => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith(p, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (Method: method, e.RoutePattern)))
            .ToList();

        var missing = routes
            .Where(route => !requests.Any(r => r.Method == route.Method && Matches(route.RoutePattern, r.Path)))
            .Select(route => $"{route.Method} {route.RoutePattern.RawText}")
            .ToList();
        Assert.True(missing.Count == 0, "No request in Payout.Api.http for: " + string.Join(", ", missing));

        static bool Matches(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern, string path)
        {
            var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
            return pattern.PathSegments.Count == segments.Length
                && pattern.PathSegments.Zip(segments).All(pair => pair.First.IsSimple && pair.First.Parts[0] is Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal
                    ? string.Equals(literal.Content, pair.Second, StringComparison.Ordinal)
                    : pair.Second.Length > 0);
        }
    }

    [Fact]
    public async Task The_interactive_docs_are_served_at_docs()
    {
        using var client = app.CreateClient();
        var page = await client.GetAsync("/docs/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/docs/scalar.js")).StatusCode);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = app.CreateClient();
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (path.Name, op.Name, op.Value)));

    private static void AssertErrorBody(JsonElement document, string path, string method, int status) =>
        Assert.True(RefName(document.ResponseSchema(path, method, status)) == "ErrorBody", $"{method} {path} {status} is not an ErrorBody.");

    private static string? RefName(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference) ? reference.GetString()!.Split('/')[^1] : null;
}
