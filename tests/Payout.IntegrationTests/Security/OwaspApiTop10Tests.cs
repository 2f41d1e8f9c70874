using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Payout.IntegrationTests.Hostile;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Security;

/// <summary>
/// The OWASP API Security Top 10 (2023), one test each (README, "Security: the OWASP API Top 10"). Where a rule is
/// tested at length elsewhere, the test here is the short version and the README points to the long one.
/// </summary>
public sealed class OwaspApiTop10Tests(SecurityApp app) : IClassFixture<SecurityApp>
{
    /// <summary>API1: every id-taking route of the document answers another customer's id exactly as one that does not exist.</summary>
    [Fact]
    public async Task API1_Broken_object_level_authorization_another_customers_ids_are_404_on_every_route()
    {
        var victim = await OwnerOfEverythingAsync();
        var (_, attackerClient, _) = await app.PayingCustomerAsync();
        var idsOfVictim = new Dictionary<string, long> { ["cardId"] = victim.CardId, ["offerId"] = victim.OfferId, ["operationId"] = victim.OperationId };
        var routes = ApiDescription.Operations().Where(o => o.Security == ApiSecurity.Bearer && o.In("path").Any()).ToList();

        Assert.True(routes.Count >= 5, "Too few id-taking routes in the document: " + string.Join(", ", routes.Select(r => r.Name)));
        foreach (var route in routes)
        {
            var path = route.In("path").Aggregate(route.Path, (p, parameter) => p.Replace("{" + parameter.Name + "}",
                idsOfVictim[parameter.Name].ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            var body = route.Body is null ? null : JsonContent.Create(new
            {
                address = "9 Attacker Road", city = "London", countryCode = "GB", zip = "E1 1AA", amount = 50m, fromCurrency = "USDT", toCurrency = "EUR",
            });
            var answer = await attackerClient.SendAsync(new HttpRequestMessage(new HttpMethod(route.Method), path) { Content = body });
            var error = await answer.AssertErrorAsync(HttpStatusCode.NotFound, NotFoundCodeOf(route.Path));
            Assert.DoesNotContain(victim.Customer.Id.ToString(CultureInfo.InvariantCulture), error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }

        await (await app.CreateOfferAsync(attackerClient, victim.CardId, 50m)).AssertErrorAsync(HttpStatusCode.NotFound, "CARD_NOT_FOUND");
        await (await attackerClient.GetAsync($"/admin/v1/customers/{victim.Customer.Id}/balances")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        // The victim's things are as they were: card listed with its address, offer not executed, operation untouched.
        var data = await victim.Client.GetFromJsonAsync<JsonElement>("/v4/payout/data");
        Assert.Contains(data.GetProperty("cards").EnumerateArray(), c => c.GetProperty("cardId").GetInt64() == victim.CardId);
        var update = await victim.Client.PutAsJsonAsync($"/v4/payout/offer/{victim.OfferId}", new { amount = 60m, fromCurrency = "USDT", toCurrency = "EUR" });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await victim.Client.GetAsync($"/v4/payout/operations/{victim.OperationId}")).StatusCode);
    }

    /// <summary>API2: unsigned, wrongly signed, expired, tampered and revoked tokens are 401; a reused refresh token revokes everything.</summary>
    [Fact]
    public async Task API2_Broken_authentication_forged_expired_tampered_and_revoked_tokens_are_refused()
    {
        var (customer, _, _) = await app.PayingCustomerAsync(deposit: 0);
        var victim = await app.CreateCustomerAsync();
        var token = (await app.SignInAsync(customer)).AccessToken;

        var forged = new[]
        {
            ("alg none", Jwt.WithHeader(token, new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }, signature: "")),
            ("wrong key", Jwt.Resign(token, RandomNumberGenerator.GetBytes(32))),
            ("another customer's id in the payload", Jwt.WithClaim(token, "sub", victim.Id.ToString(CultureInfo.InvariantCulture))),
            ("a later expiry in the payload", Jwt.WithClaim(token, "exp", 4_102_444_800)),
            ("HS512 header", Jwt.WithHeader(token, new JsonObject { ["alg"] = "HS512", ["typ"] = "JWT", ["kid"] = "k1" }, signature: null)),
        };
        foreach (var (what, jwt) in forged)
        {
            var answer = await app.ClientWithToken(jwt).GetAsync("/v4/payout/data");
            Assert.True(answer.StatusCode == HttpStatusCode.Unauthorized, $"A token with {what} was accepted: {(int)answer.StatusCode}");
        }

        // Expired: the service's clock passes the token's 15 minutes.
        var shortLived = (await app.SignInAsync(customer)).AccessToken;
        Assert.Equal(HttpStatusCode.OK, (await app.ClientWithToken(shortLived).GetAsync("/v4/payout/data")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await (await app.ClientWithToken(shortLived).GetAsync("/v4/payout/data")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        // Revoked by sign-out.
        var signedIn = await app.SignInAsync(customer);
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientWithToken(signedIn.AccessToken).PostAsync("/signout", null)).StatusCode);
        await (await app.ClientWithToken(signedIn.AccessToken).GetAsync("/v4/payout/data")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await RefreshAsync(signedIn.RefreshToken)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        // Refresh reuse: the stolen copy is refused and every token of the customer stops working.
        var pair = await app.SignInAsync(customer);
        var rotated = await (await RefreshAsync(pair.RefreshToken)).Content.ReadFromJsonAsync<TokenBody>();
        await (await RefreshAsync(pair.RefreshToken)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await app.ClientWithToken(rotated!.AccessToken).GetAsync("/v4/payout/data")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await RefreshAsync(rotated.RefreshToken)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    /// <summary>API3: members a customer may not set (owner, status, balance, KYC level, rate, fees) are ignored; answers expose no secret.</summary>
    [Fact]
    public async Task API3_Broken_object_property_level_authorization_mass_assignment_changes_nothing()
    {
        var victim = await app.CreateCustomerAsync();
        var (customer, client, cardId) = await app.PayingCustomerAsync();

        var card = await client.PostAsJsonAsync("/v4/payout/card", new
        {
            cardNumber = "5555555555554444", cardHolder = "Test Customer", cardExpirationYear = 2030, cardExpirationMonth = 12,
            customerId = victim.Id, validationStatus = "DECLINED", cardId = 1, maskedPan = "0000***0000", cvv = "123",
        });
        var cardBody = await card.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("APPROVED", cardBody.GetProperty("validationStatus").GetString());
        Assert.Equal("5555***4444", cardBody.GetProperty("maskedPan").GetString());

        var offer = await client.PostAsJsonAsync("/v4/payout/offer", new
        {
            amount = 100m, fromCurrency = "USDT", toCurrency = "EUR", cardId, customerId = victim.Id, rate = 1000m, amountTo = 1_000_000m,
            possibleToExecute = true, status = "SUCCESS", feeInfo = Array.Empty<object>(), limit = new { value = 1_000_000, currency = "EUR" },
        });
        var offerBody = await offer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(offerBody.GetProperty("rate").GetDecimal() < 2m, offerBody.ToString());
        Assert.True(offerBody.GetProperty("amountTo").GetDecimal() < 100m, offerBody.ToString());
        Assert.Equal(9_700m, offerBody.GetProperty("limit").GetProperty("value").GetDecimal());
        Assert.NotEmpty(offerBody.GetProperty("feeInfo").EnumerateArray());

        using var admin = app.AdminClient();
        var deposit = await admin.PostAsJsonAsync($"/admin/v1/customers/{customer.Id}/deposits",
            new { currency = "USDT", amount = 1m, balance = 1_000_000m, customerId = victim.Id });
        Assert.Equal(1_001m, (await deposit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("balance").GetDecimal());

        var token = await app.RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "mobile_phone", ["number"] = customer.Phone, ["password"] = customer.Password, ["kycLevel"] = "KYC_3", ["sub"] = victim.Id.ToString(CultureInfo.InvariantCulture),
        });
        var tokenBody = await token.Content.ReadFromJsonAsync<TokenBody>();
        var offerAsSignedIn = await app.ClientWithToken(tokenBody!.AccessToken).PostAsJsonAsync("/v4/payout/offer",
            new { amount = 9_000m, fromCurrency = "USDT", toCurrency = "EUR", cardId });
        Assert.Equal(9_700m, (await offerAsSignedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("limit").GetProperty("value").GetDecimal());

        var paid = await client.PostAsJsonAsync($"/v4/payout/pay/{offerBody.GetProperty("offerId").GetInt64()}", new { amount = 0.01m, status = "SUCCESS", totalDebited = 0 });
        var paidBody = await paid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(100m, paidBody.GetProperty("amountFrom").GetDecimal());
        Assert.Equal(1_001m - paidBody.GetProperty("totalDebited").GetDecimal(), await app.BalanceAsync(customer.Id, "USDT"));
        Assert.Equal(0m, await app.BalanceAsync(victim.Id, "USDT"));

        var exposed = string.Join("\n", await client.GetStringAsync("/v4/payout/data"), cardBody.ToString(), offerBody.ToString(), paidBody.ToString(),
            await admin.GetStringAsync($"/admin/v1/customers?phone={Uri.EscapeDataString(customer.Phone)}"));
        foreach (var secret in new[] { "5555555555554444", "4012888888881881", "password", "hash", "fingerprint", "cipher", "tokenGeneration", "cvv" })
        {
            Assert.DoesNotContain(secret, exposed, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>API4: bodies, strings and pages are bounded; a runaway client is rate limited; guessing passwords locks the number.</summary>
    [Fact]
    public async Task API4_Unrestricted_resource_consumption_sizes_pages_rates_and_sign_in_attempts_are_bounded()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 0);

        var huge = await client.PostAsync("/v4/payout/offer", new StringContent("{\"x\": \"" + new string('x', 70_000) + "\"}", Encoding.UTF8, "application/json"));
        await huge.AssertErrorAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        var longText = await client.PostAsJsonAsync($"/v4/payout/card/{cardId}/billing-address", new { address = new string('a', 1001), city = "London", countryCode = "GB", zip = "E1" });
        await longText.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "address");
        await (await client.GetAsync("/v4/payout/history?size=1000")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "size");
        Assert.Equal(50, (await client.GetFromJsonAsync<JsonElement>("/v4/payout/history")).GetProperty("size").GetInt32());

        HttpResponseMessage? limited = null;
        for (var i = 0; i < SecurityApp.PerCustomerPerMinute + 5 && limited is null; i++)
        {
            var response = await client.GetAsync("/v4/payout/history");
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(limited);
        await limited.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.NotNull(limited.Headers.RetryAfter);

        for (var i = 0; i < 10; i++)
        {
            await app.RequestTokenAsync(new Dictionary<string, string> { ["grant_type"] = "mobile_phone", ["number"] = customer.Phone, ["password"] = "guess-" + i });
        }

        var locked = await app.RequestTokenAsync(new Dictionary<string, string> { ["grant_type"] = "mobile_phone", ["number"] = customer.Phone, ["password"] = customer.Password });
        await locked.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMITED");
        Assert.NotNull(locked.Headers.RetryAfter);
    }

    /// <summary>API5: the customer's token opens no operator route, and the operator's key no customer route (every route of the document).</summary>
    [Fact]
    public async Task API5_Broken_function_level_authorization_customer_tokens_and_operator_keys_open_only_their_own_routes()
    {
        var (customer, _, _) = await app.PayingCustomerAsync(deposit: 0);
        var token = (await app.SignInAsync(customer)).AccessToken;
        var operations = ApiDescription.Operations();
        var checkedRoutes = 0;
        foreach (var operation in operations.Where(o => o.Security != ApiSecurity.None))
        {
            using var client = app.CreateClient();
            var request = new HttpRequestMessage(new HttpMethod(operation.Method), Concrete(operation.Path, customer.Id));
            if (operation.Security == ApiSecurity.AdminKey)
            {
                request.Headers.Authorization = new("Bearer", token);
            }
            else
            {
                request.Headers.Add("X-Admin-Key", PayoutApp.AdminKey);
                request.Headers.Add("X-Sdk-Version", "payoutCard=1.2");
            }

            request.Content = operation.Body is null ? null : JsonContent.Create(new { amount = 1m, currency = "USDT", kycLevel = "KYC_3" });
            await (await client.SendAsync(request)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            checkedRoutes++;
        }

        Assert.True(checkedRoutes >= 20, $"Only {checkedRoutes} guarded routes in the document.");
        Assert.Equal(0m, await app.BalanceAsync(customer.Id, "USDT"));
    }

    /// <summary>API6: a storm of executes on one offer pays once; racing deposits with one reference credit once.</summary>
    [Fact]
    public async Task API6_Unrestricted_access_to_sensitive_business_flows_execute_storms_and_deposit_races_move_money_once()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        var offerId = (await app.OfferAsync(client, cardId, 100m)).GetProperty("offerId").GetInt64();

        var answers = await Task.WhenAll(Enumerable.Range(0, 25).Select(_ => app.PayAsync(client, offerId)));
        var operations = new HashSet<long>();
        var debit = 0m;
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
            operations.Add(body.GetProperty("operationId").GetInt64());
            debit = body.GetProperty("totalDebited").GetDecimal();
        }

        Assert.Single(operations);
        Assert.Equal(1_000m - debit, await app.BalanceAsync(customer.Id, "USDT"));

        using var admin = app.AdminClient();
        var reference = "chain-tx-" + Guid.NewGuid().ToString("N");
        var deposits = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            admin.PostAsJsonAsync($"/admin/v1/customers/{customer.Id}/deposits", new { currency = "BTC", amount = 0.5m, reference })));
        Assert.All(deposits, d => Assert.Equal(HttpStatusCode.OK, d.StatusCode));
        Assert.Equal(0.5m, await app.BalanceAsync(customer.Id, "BTC"));
        await app.AssertLedgerHoldsAsync();
    }

    /// <summary>
    /// API7: no request member is a URL the service would fetch (the callback URL is configuration), and URLs put in every
    /// place a client controls, through a whole payout, are never called.
    /// </summary>
    [Fact]
    public async Task API7_Server_side_request_forgery_no_url_from_a_client_is_ever_fetched()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var trap = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/trap";
        var connections = 0;
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    using var socket = await listener.AcceptSocketAsync();
                    Interlocked.Increment(ref connections);
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The listener stopped with the test.
            }
        });

        var urlMembers = ApiDescription.Operations().SelectMany(o => o.Body?.Properties ?? [])
            .Where(p => p.Name.Contains("url", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("uri", StringComparison.OrdinalIgnoreCase)
                || p.Name.Contains("callback", StringComparison.OrdinalIgnoreCase) || p.Name.Contains("webhook", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(urlMembers);

        var (_, client, _) = await app.PayingCustomerAsync();
        client.DefaultRequestHeaders.Add("Referer", trap);
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", trap[7..]);
        client.DefaultRequestHeaders.Add("X-Callback-Url", trap);
        var card = await client.PostAsJsonAsync($"/v4/payout/card?callbackUrl={Uri.EscapeDataString(trap)}", new
        {
            cardNumber = "4000000000000010", cardHolder = "Test Customer", cardExpirationYear = 2030, cardExpirationMonth = 12,
            callbackUrl = trap, webhook = trap, avatarUrl = trap, url = trap,
        });
        var cardId = (await card.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cardId").GetInt64();
        await client.PostAsJsonAsync($"/v4/payout/card/{cardId}/billing-address", new { address = trap, city = "London", countryCode = "GB", zip = "E1", callbackUrl = trap });
        var offer = await client.PostAsJsonAsync("/v4/payout/offer", new { amount = 100m, fromCurrency = "USDT", toCurrency = "EUR", cardId, callbackUrl = trap });
        var offerId = (await offer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("offerId").GetInt64();
        var paid = await client.PostAsJsonAsync($"/v4/payout/pay/{offerId}?callbackUrl={Uri.EscapeDataString(trap)}", new { callbackUrl = trap });
        var operationId = (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64();

        // The card pays after the sandbox's delay, by callback to the configured URL.
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("SUCCESS", (await app.WaitForFinalAsync(client, operationId)).GetProperty("status").GetString());
        Assert.Equal(0, Volatile.Read(ref connections));
    }

    /// <summary>
    /// API8: security headers on every kind of answer, no <c>Server</c> banner, and in Production a bug is a bare 500 with
    /// no stack trace or exception text — on Kestrel, as a client sees it.
    /// </summary>
    [Fact]
    public async Task API8_Security_misconfiguration_headers_on_every_answer_no_banner_no_stack_trace_in_production()
    {
        var production = new ProductionApp();
        await ((IAsyncLifetime)production).InitializeAsync();
        try
        {
            await AssertHeadersAndBareErrorsAsync(production);
        }
        finally
        {
            await ((IAsyncLifetime)production).DisposeAsync();
        }
    }

    private static async Task AssertHeadersAndBareErrorsAsync(ProductionApp production)
    {
        var customer = await production.CreateCustomerAsync();
        var token = (await production.SignInAsync(customer)).AccessToken;
        using var client = production.CreateClient();
        Assert.StartsWith("http://127.0.0.1:", client.BaseAddress!.ToString(), StringComparison.Ordinal);

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["token"] = await production.RequestTokenAsync(new Dictionary<string, string> { ["grant_type"] = "mobile_phone", ["number"] = customer.Phone, ["password"] = customer.Password }),
            ["balances"] = await production.AdminClient().GetAsync($"/admin/v1/customers/{customer.Id}/balances"),
            ["history"] = await production.ClientWithToken(token).GetAsync("/v4/payout/history"),
            ["401"] = await client.GetAsync("/v4/payout/history"),
            ["404"] = await client.GetAsync("/nothing-here"),
            ["405"] = await client.DeleteAsync("/health/live"),
            ["413"] = await client.PostAsync("/oauth/token", new StringContent(new string('a', 70_000), Encoding.UTF8, "application/x-www-form-urlencoded")),
            ["500"] = await production.ClientWithToken(token).GetAsync("/v4/payout/data"),
            ["health"] = await client.GetAsync("/health/live"),
            ["docs"] = await client.GetAsync("/docs/"),
        };

        foreach (var (what, answer) in answers)
        {
            Assert.True(answer.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", $"{what}: no nosniff");
            Assert.False(answer.Headers.Contains("Server"), $"{what}: a Server banner");
            Assert.False(answer.Headers.Contains("X-Powered-By"), $"{what}: an X-Powered-By banner");
        }

        foreach (var what in new[] { "token", "balances", "history", "401", "500" })
        {
            Assert.True(answers[what].Headers.CacheControl?.NoStore == true, $"{what}: not Cache-Control: no-store");
        }

        var bug = await answers["500"].AssertErrorAsync(HttpStatusCode.InternalServerError, "INTERNAL");
        var text = bug.ToString();
        foreach (var leak in new[] { "InvalidOperationException", "exploded", "hunter2", "secret", "Rate", "at Payout" })
        {
            Assert.DoesNotContain(leak, text, StringComparison.Ordinal);
        }

        Assert.Contains(production.Logs.Lines, line => line.Contains("exploded", StringComparison.Ordinal));
    }

    /// <summary>
    /// API9: every route the service maps is in the OpenAPI document, or is one of the named operations endpoints (probes,
    /// metrics, the document, the docs page and its files under <c>/docs/</c>), a page (the demo app at <c>/</c>, the
    /// console at <c>/console</c>), the console's session routes (<see cref="ConsoleRoutes"/>, attacked by the hostile
    /// suite) or the embedded sandbox network — nothing else answers. The document's own test
    /// (<c>OpenApiDocumentTests.Every_mapped_route_is_in_the_document</c>) checks the documented side.
    /// </summary>
    [Fact]
    public void API9_Improper_inventory_management_every_mapped_route_is_documented_or_a_named_operations_endpoint()
    {
        string[] operationsEndpoints = ["/health/live", "/health/ready", "/metrics", "/openapi/{documentName:regex(^v1$)}.json", "/", "/console"];
        var documented = ApiDescription.Operations().Select(o => o.Path).ToHashSet();
        var console = ConsoleRoutes.Operations().Select(o => o.Path).ToHashSet();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct()
            .ToList();

        var unknown = routes.Where(r => !documented.Contains(CommittedOpenApi.OpenApiPath(r)) && !operationsEndpoints.Contains(r)
            && !console.Contains(r.TrimEnd('/'))
            && !r.StartsWith("/docs/", StringComparison.Ordinal) && !r.StartsWith("/sandbox-network/", StringComparison.Ordinal)).ToList();
        Assert.True(unknown.Count == 0, "Mapped but neither documented nor a named operations endpoint: " + string.Join(", ", unknown));
        Assert.All(documented, path => Assert.Contains(routes, r => CommittedOpenApi.OpenApiPath(r) == path));
    }

    /// <summary>
    /// API10: a network answer that is malformed, oversized, about another payout, about other money or in an unknown
    /// status changes nothing — the payout stays PENDING with its debit in flight, is logged, and is listed as stuck —
    /// and a decline's overlong reason is not stored as sent.
    /// </summary>
    [Fact]
    public async Task API10_Unsafe_consumption_of_apis_garbage_from_the_payout_network_changes_nothing_and_is_logged()
    {
        var garbage = new Dictionary<string, Func<string, HttpResponseMessage>>
        {
            ["4242424242424242"] = _ => HostileNetwork.Json("{\"payoutId\": \"op-1\", \"status\": \"PAI"),
            ["4000056655665556"] = id => HostileNetwork.Json($"{{\"payoutId\": \"{id}\", \"status\": \"PAID\", \"junk\": \"{new string('j', 200_000)}\"}}"),
            ["5555555555554444"] = _ => HostileNetwork.Json("{\"payoutId\": \"op-999999\", \"status\": \"PAID\"}"),
            ["5105105105105100"] = id => HostileNetwork.Json($"{{\"payoutId\": \"{id}\", \"status\": \"PAID\", \"amount\": 0.01, \"currency\": \"EUR\"}}"),
            ["2223003122003222"] = id => HostileNetwork.Json($"{{\"payoutId\": \"{id}\", \"status\": \"PAID_TWICE\"}}"),
        };
        var payouts = new List<(string Card, long OperationId, decimal Balance, TestCustomer Customer)>();
        foreach (var (cardNumber, answer) in garbage)
        {
            app.Network.Answer(cardNumber, answer);
            var customer = await app.CreateCustomerAsync();
            await app.DepositAsync(customer.Id, "USDT", 1_000m);
            var client = await app.ClientForAsync(customer);
            var cardId = await app.AddCardAsync(client, cardNumber);
            var paid = await (await app.PayAsync(client, (await app.OfferAsync(client, cardId, 100m)).GetProperty("offerId").GetInt64())).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("PENDING", paid.GetProperty("status").GetString());
            payouts.Add((cardNumber, paid.GetProperty("operationId").GetInt64(), await app.BalanceAsync(customer.Id, "USDT"), customer));
        }

        // The dispatcher asks again later; the answers stay garbage, and nothing moves.
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        foreach (var (card, operationId, balance, customer) in payouts)
        {
            await WaitUntilAsync(() => app.Network.TimesAsked($"op-{operationId}") >= 2, $"the dispatcher to ask again about the payout to {card}");
            using var client = await app.ClientForAsync(customer); // the first token expired with the clock
            var operation = await client.GetFromJsonAsync<JsonElement>($"/v4/payout/operations/{operationId}");
            Assert.True(operation.GetProperty("status").GetString() == "PENDING", $"The payout to {card} moved: {operation}");
            Assert.Equal(1_000m - operation.GetProperty("totalDebited").GetDecimal(), balance);
            Assert.Contains(app.Logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains($"op-{operationId}", StringComparison.Ordinal));
        }

        using var admin = app.AdminClient();
        var stuck = (await admin.GetFromJsonAsync<JsonElement>("/admin/v1/payouts/stuck")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("operationId").GetInt64()).ToHashSet();
        Assert.All(payouts, p => Assert.Contains(p.OperationId, stuck));

        // A decline is believed, but a 5,000-character reason is not what the customer is shown.
        app.Network.Answer("4000000000000036", id => HostileNetwork.Json($"{{\"payoutId\": \"{id}\", \"status\": \"DECLINED\", \"declineReason\": \"{new string('r', 5_000)}\"}}"));
        var (_, declinedClient, declinedCard) = await PayingWithCardAsync("4000000000000036");
        var declined = await (await app.PayAsync(declinedClient, (await app.OfferAsync(declinedClient, declinedCard, 100m)).GetProperty("offerId").GetInt64())).Content.ReadFromJsonAsync<JsonElement>();
        var final = await app.WaitForFinalAsync(declinedClient, declined.GetProperty("operationId").GetInt64());
        Assert.Equal("FAILED", final.GetProperty("status").GetString());
        Assert.Equal("DECLINED", final.GetProperty("failureReason").GetString());
        await app.AssertLedgerHoldsAsync();
    }

    private async Task<(TestCustomer Customer, HttpClient Client, long CardId)> PayingWithCardAsync(string cardNumber)
    {
        var customer = await app.CreateCustomerAsync();
        await app.DepositAsync(customer.Id, "USDT", 1_000m);
        var client = await app.ClientForAsync(customer);
        return (customer, client, await app.AddCardAsync(client, cardNumber));
    }

    private async Task<Owner> OwnerOfEverythingAsync()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync();
        var offerId = (await app.OfferAsync(client, cardId, 50m)).GetProperty("offerId").GetInt64();
        var paid = await app.PayAsync(client, (await app.OfferAsync(client, cardId, 50m)).GetProperty("offerId").GetInt64());
        var operationId = (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64();
        return new Owner(customer, client, cardId, offerId, operationId);
    }

    private static string NotFoundCodeOf(string path) =>
        path.Contains("{cardId}", StringComparison.Ordinal) ? "CARD_NOT_FOUND"
        : path.Contains("{operationId}", StringComparison.Ordinal) ? "OPERATION_NOT_FOUND"
        : "OFFER_NOT_FOUND";

    private static string Concrete(string path, long id) =>
        System.Text.RegularExpressions.Regex.Replace(path, @"\{(\w+)\}", m => m.Groups[1].Value == "currency" ? "EUR" : id.ToString(CultureInfo.InvariantCulture));

    private Task<HttpResponseMessage> RefreshAsync(string refreshToken) =>
        app.RequestTokenAsync(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(50);
        }
    }

    private sealed record Owner(TestCustomer Customer, HttpClient Client, long CardId, long OfferId, long OperationId);
}
