using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Payout.Api.Features.Payouts.Network;
using Payout.Api.Features.Reconciliation;
using Payout.Api.Infrastructure.Persistence;
using Payout.Sandbox;

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// The whole service, in process, on a fresh database of the provider under test. One per test class (an xunit class
/// fixture), or one for the classes of <see cref="SharedAppCollection"/>; tests create their own customers so they never
/// share data.
/// </summary>
public class PayoutApp : WebApplicationFactory<Program>, IAsyncLifetime, ICheckedAfterEachTest
{
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly string keysDirectory;
    private readonly bool ownsDatabase;
    private TestDatabase? database;
    private volatile bool disposed;
    private volatile bool tampered;
    private int cleanedUp;
    private long phoneCounter = Random.Shared.NextInt64(100_000_000, 900_000_000);

    public PayoutApp()
    {
        keysDirectory = Directory.CreateTempSubdirectory("payout-keys-").FullName;
        ownsDatabase = true;
    }

    /// <summary>
    /// A second app on another app's database and keys: two API processes sharing one installation. With
    /// <paramref name="networkHost"/>, it talks to that app's embedded network (one network for both).
    /// </summary>
    internal PayoutApp(TestDatabase sharedDatabase, string sharedKeysDirectory, PayoutApp? networkHost = null)
    {
        database = sharedDatabase;
        keysDirectory = sharedKeysDirectory;
        this.networkHost = networkHost;
    }

    private readonly PayoutApp? networkHost;

    public string KeysDirectory => keysDirectory;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    public CapturedLogs Logs { get; } = new();

    /// <summary>The error codes the service answered, checked against docs/openapi.json when the app is disposed.</summary>
    public AnsweredErrors AnsweredErrors { get; } = new();

    /// <summary>The same log entries as the service's console writes them (JSON lines).</summary>
    public ConsoleLogLines ConsoleLines { get; } = new();

    public TestDatabase Database => database ?? throw new InvalidOperationException("The app is not initialised.");

    /// <summary>The one seam past HTTP: the route table, a direct read of rows, the operator commands (see <see cref="ServiceInsides"/>).</summary>
    public ServiceInsides Inside => new(Services, () => tampered = true);

    /// <summary>Extra configuration a scenario needs (e.g. a short offer validity).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        database ??= await TestDatabase.CreateAsync();
        StartHost();
        await using (var scope = Services.CreateAsyncScope())
        {
            database.UsedWith(scope.ServiceProvider.GetRequiredService<PayoutDbContext>().Database.GetConnectionString()!);
        }

        await FundNetworkFloatAsync();
    }

    /// <summary>Starts the host now, so migrations run here and not inside the first test's timing; the test server by default.</summary>
    protected virtual void StartHost() => _ = Server;

    // Each test already checked this app after it ran (AppsCheckedAfterEachTestAttribute): cleanup only.
    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    /// <summary>
    /// Whatever a test did, the ledger must balance and every error answered must be in the document; run after each
    /// test that used this app (<see cref="AppsCheckedAfterEachTestAttribute"/>), so a breach fails that test.
    /// </summary>
    public async Task AssertStillSoundAsync()
    {
        if (disposed)
        {
            return;
        }

        if (!tampered)
        {
            var violations = await LedgerViolationsAsync();
            Assert.True(violations.Count == 0, "The ledger invariant does not hold: " + string.Join("; ", violations));
        }

        var undocumented = AnsweredErrors.Undocumented();
        Assert.True(undocumented.Count == 0, "Answered but not in docs/openapi.json (declare the code on the handler or gate): "
            + string.Join("; ", undocumented));
    }

    /// <summary>
    /// Stops the host and, when this app made them, removes its database and keys folder. Every way of disposing ends
    /// here (xunit's <see cref="IAsyncLifetime"/>, <c>await using</c>, <c>Dispose</c>), and only the first call cleans up.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        disposed = true;
        await base.DisposeAsync();
        if (ownsDatabase && Interlocked.Exchange(ref cleanedUp, 1) == 0)
        {
            if (database is not null)
            {
                await database.DisposeAsync();
            }

            Directory.Delete(keysDirectory, recursive: true);
        }
    }

    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        AppsCheckedAfterEachTestAttribute.Used(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Payout", Database.ConnectionString);
        builder.UseSetting("Admin:ApiKey", AdminKey);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Merchants:0:Id", TestCustomer.MerchantId);
        builder.UseSetting("Merchants:0:Name", "Test merchant");
        builder.UseSetting("Keys:Directory", keysDirectory);
        builder.UseSetting("Keys:GenerateMissing", "true");
        // The embedded sandbox network, reached through the test server; its delays follow the fake clock.
        builder.UseSetting("PayoutNetwork:BaseUrl", "http://localhost/sandbox-network/");
        builder.UseSetting("PayoutNetwork:CallbackUrl", "http://localhost/network/callbacks");
        builder.UseSetting("PayoutNetwork:AttemptTimeoutSeconds", "1");
        builder.UseSetting("PayoutNetwork:DispatchIntervalMilliseconds", "100");
        builder.UseSetting("Sandbox:PendingDelaySeconds", "5");
        // A real hash, made cheap: the suite signs in hundreds of times.
        builder.UseSetting("Auth:PasswordHasher:IterationCount", "1");
        // Every test signs in from the same "address"; the token limit is tested by its own fixture.
        builder.UseSetting("RateLimits:TokenPerAddressPerMinute", "1000000");
        // Waits poll a customer's operation every 50 ms for up to a minute; the per-customer limit has its own tests.
        builder.UseSetting("RateLimits:PerCustomerPerMinute", "1000000");
        // A copy of the migrated template has nothing to migrate: checking costs about a fifth of a host start's CPU, and
        // each integration run starts about seventy. Migration at start has its own tests (StartupTests: an empty database)
        // and runs in every test of a real process (ServiceProcess, the browser and soak tests).
        if (Database.IsMigrated)
        {
            builder.UseSetting("Database:MigrateOnStart", "false");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace);
            ConsoleLines.AttachTo(logging);
        });
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter>(AnsweredErrors);
            foreach (var name in (string[])[NetworkSetup.ClientName, NetworkSetup.UnansweredClientName, SettlementFileClient.ClientName])
            {
                services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(sp =>
                    networkHost?.Server.CreateHandler() ?? ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler());
            }

            services.AddHttpClient(SandboxSetup.CallbackClientName).ConfigurePrimaryHttpMessageHandler(sp =>
                ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler());

            ConfigureServices(services);
        });
    }

    /// <summary>Replaces an I/O boundary (rates, the payout network) for a scenario; never the database.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public HttpClient AdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        return client;
    }

    /// <summary>Our fiat at the network per currency: generous, so no scenario runs it dry unless it means to.</summary>
    protected virtual decimal NetworkFloat => 100_000_000m;

    private async Task FundNetworkFloatAsync()
    {
        using var admin = AdminClient();
        foreach (var fiat in new[] { "EUR", "USD" })
        {
            var response = await admin.PostAsJsonAsync($"/admin/v1/network-float/{fiat}/top-ups",
                new { amount = NetworkFloat, reference = $"test-float:{fiat}" });
            await response.AssertSuccessAsync();
        }
    }

    /// <summary>A phone number no other test uses.</summary>
    public string NewPhone() => $"+44{Interlocked.Increment(ref phoneCounter):D10}";

    public async Task<TestCustomer> CreateCustomerAsync(string kycLevel = "KYC_1", string password = "correct-horse-9")
    {
        var phone = NewPhone();
        using var admin = AdminClient();
        var response = await admin.PostAsJsonAsync("/admin/v1/customers",
            new { merchantId = TestCustomer.MerchantId, phone, password, kycLevel });
        await response.AssertSuccessAsync();
        var body = await response.Content.ReadFromJsonAsync<CustomerBody>();
        return new TestCustomer(body!.CustomerId, phone, password);
    }

    public async Task<decimal> DepositAsync(long customerId, string currency, decimal amount, string? reference = null)
    {
        using var admin = AdminClient();
        var response = await admin.PostAsJsonAsync($"/admin/v1/customers/{customerId}/deposits", new { currency, amount, reference });
        await response.AssertSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<BalanceBody>())!.Balance;
    }

    /// <summary>The customer's wallet balance in <paramref name="currency"/>, as the operator API shows it.</summary>
    public async Task<decimal> BalanceAsync(long customerId, string currency)
    {
        using var admin = AdminClient();
        var balances = await admin.GetAsync($"/admin/v1/customers/{customerId}/balances").SuccessBodyAsync();
        return balances.GetProperty("balances").EnumerateArray()
            .Single(b => b.GetProperty("currency").GetString() == currency).GetProperty("balance").GetDecimal();
    }

    /// <summary>Signs in through <c>/oauth/token</c> and answers the token response's JSON.</summary>
    public async Task<HttpResponseMessage> RequestTokenAsync(IDictionary<string, string> form, string? merchantId = TestCustomer.MerchantId)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = new FormUrlEncodedContent(form) };
        if (merchantId is not null)
        {
            request.Headers.Add("X-Merchant-ID", merchantId);
        }

        return await client.SendAsync(request);
    }

    public async Task<TokenBody> SignInAsync(TestCustomer customer)
    {
        var response = await RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "mobile_phone",
            ["number"] = customer.Phone,
            ["password"] = customer.Password,
        });
        await response.AssertSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<TokenBody>())!;
    }

    /// <summary>A client for <c>/v4/payout</c> as this customer: bearer token and X-Sdk-Version set.</summary>
    public async Task<HttpClient> ClientForAsync(TestCustomer customer)
    {
        var token = await SignInAsync(customer);
        return ClientWithToken(token.AccessToken);
    }

    public HttpClient ClientWithToken(string accessToken)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        client.DefaultRequestHeaders.Add("X-Sdk-Version", "payoutCard=1.2");
        return client;
    }

    /// <summary>Adds a card through the API and answers its id.</summary>
    public async Task<long> AddCardAsync(HttpClient customer, string number = "4012888888881881", bool withBillingAddress = true)
    {
        var response = await customer.PostAsJsonAsync("/v4/payout/card",
            new { cardNumber = number, cardHolder = "Test Customer", cardExpirationYear = 2030, cardExpirationMonth = 12 });
        await response.AssertSuccessAsync();
        var cardId = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("cardId").GetInt64();
        if (withBillingAddress)
        {
            await customer.PostAsJsonAsync($"/v4/payout/card/{cardId}/billing-address",
                new { address = "1 High Street", city = "London", countryCode = "GB", zip = "SW1A 1AA" }).AssertSuccessAsync();
        }

        return cardId;
    }

    /// <summary>A signed-in KYC_1 customer with a card (billing address set) and a deposit: ready to pay out.</summary>
    public async Task<(TestCustomer Customer, HttpClient Client, long CardId)> PayingCustomerAsync(
        string currency = "USDT", decimal deposit = 1_000m, string kycLevel = "KYC_1")
    {
        var customer = await CreateCustomerAsync(kycLevel);
        if (deposit > 0)
        {
            await DepositAsync(customer.Id, currency, deposit);
        }

        var client = await ClientForAsync(customer);
        return (customer, client, await AddCardAsync(client));
    }

    public async Task<HttpResponseMessage> CreateOfferAsync(HttpClient client, long cardId, decimal amount, string from = "USDT", string to = "EUR") =>
        await client.PostAsJsonAsync("/v4/payout/offer", new { amount, fromCurrency = from, toCurrency = to, cardId });

    /// <summary>Creates an offer that must succeed and answers its body.</summary>
    public async Task<System.Text.Json.JsonElement> OfferAsync(HttpClient client, long cardId, decimal amount, string from = "USDT", string to = "EUR")
    {
        var response = await CreateOfferAsync(client, cardId, amount, from, to);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }

    /// <summary>Quotes and answers the new offer's id; the quote must succeed (its body is shown if not).</summary>
    public async Task<long> QuoteAsync(HttpClient client, long cardId, decimal amount, string from = "USDT", string to = "EUR") =>
        (await OfferAsync(client, cardId, amount, from, to)).GetProperty("offerId").GetInt64();

    public Task<HttpResponseMessage> PayAsync(HttpClient client, long offerId) =>
        client.PostAsync($"/v4/payout/pay/{offerId}", null);

    /// <summary>Executes an offer that must be accepted (SUCCESS, PENDING or FAILED at the network) and answers the payout.</summary>
    public Task<System.Text.Json.JsonElement> ExecuteAsync(HttpClient client, long offerId) =>
        PayAsync(client, offerId).SuccessBodyAsync();

    /// <summary>Quotes <paramref name="amount"/> on the card and executes it; answers the payout.</summary>
    public async Task<System.Text.Json.JsonElement> PayOutAsync(HttpClient client, long cardId, decimal amount, string from = "USDT", string to = "EUR") =>
        await ExecuteAsync(client, await QuoteAsync(client, cardId, amount, from, to));

    /// <summary>The embedded sandbox network's operator API (what it received and paid; outages).</summary>
    public HttpClient NetworkAdminClient()
    {
        var client = CreateClient();
        client.BaseAddress = new Uri("http://localhost/sandbox-network/v1/admin/");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", PayoutNetworkOptions.DevelopmentKey);
        return client;
    }

    /// <summary>
    /// Waits (in real time, bounded) until the operation leaves PENDING; the dispatcher works in the background.
    /// <paramref name="nudge"/> runs about once a second meanwhile (see <see cref="Eventually"/>).
    /// </summary>
    public Task<System.Text.Json.JsonElement> WaitForFinalAsync(HttpClient customer, long operationId, TimeSpan? within = null, Action? nudge = null) =>
        EventuallyAsync(
            () => customer.GetFromJsonAsync<System.Text.Json.JsonElement>($"/v4/payout/operations/{operationId}"),
            operation => operation.GetProperty("status").GetString() != "PENDING",
            within ?? TimeSpan.FromSeconds(15),
            $"operation {operationId} left PENDING",
            nudge);

    /// <summary>Call after anything that moves money: the ledger's invariant must hold.</summary>
    public async Task AssertLedgerHoldsAsync() => Assert.Empty(await LedgerViolationsAsync());

    private async Task<IReadOnlyList<string>> LedgerViolationsAsync()
    {
        using var admin = AdminClient();
        var invariant = await admin.GetAsync("/admin/v1/ledger/invariant").SuccessBodyAsync();
        return [.. invariant.GetProperty("violations").EnumerateArray().Select(v => v.GetString()!)];
    }

    private sealed record CustomerBody(long CustomerId);

    private sealed record BalanceBody(string Currency, decimal Balance);
}

public sealed record TokenBody(
    [property: System.Text.Json.Serialization.JsonPropertyName("access_token")] string AccessToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("token_type")] string TokenType,
    [property: System.Text.Json.Serialization.JsonPropertyName("refresh_token")] string RefreshToken,
    [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn,
    [property: System.Text.Json.Serialization.JsonPropertyName("scope")] string Scope);

public sealed record TestCustomer(long Id, string Phone, string Password)
{
    public const string MerchantId = "bece038f-2e46-49f4-b25e-89cd38d6dc16";
}
