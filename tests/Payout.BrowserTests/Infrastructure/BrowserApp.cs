using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Payout.Api.Features.Ledger;

namespace Payout.BrowserTests.Infrastructure;

/// <summary>
/// The whole service on a real 127.0.0.1 port (Kestrel) with a fresh SQLite database, and one headless Chromium
/// (Debian's package, see <see cref="Chromium"/>) for the test class. Tests set their data up through the API, then
/// drive the pages as a person would. Pages that log a script error fail the test.
/// </summary>
public abstract class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime, ICheckedAfterEachTest
{
    public const string AdminKey = "browser-test-admin-key-0123";
    public const string MerchantId = "bece038f-2e46-49f4-b25e-89cd38d6dc16";

    private readonly string folder = Directory.CreateTempSubdirectory("payout-browser-").FullName;
    private readonly int port = FreePort();
    private readonly List<string> pageErrors = [];
    private IPlaywright? playwright;
    private IBrowser? browser;
    private volatile bool disposed;
    private long phoneCounter = Random.Shared.NextInt64(100_000_000, 900_000_000);

    protected BrowserApp() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));

    public string BaseUrl => $"http://127.0.0.1:{port}";

    /// <summary>The service's clock: the real one unless a scenario needs to move time.</summary>
    protected virtual TimeProvider Clock => TimeProvider.System;

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        StartServer();
        playwright = await Playwright.CreateAsync();
        browser = await Chromium.LaunchAsync(playwright);
        using var admin = AdminClient();
        foreach (var fiat in new[] { "EUR", "USD" })
        {
            await admin.PostAsJsonAsync($"/admin/v1/network-float/{fiat}/top-ups", new { amount = 1_000_000m, reference = $"browser-float:{fiat}" })
                .AssertSuccessAsync();
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        // Each test already checked the ledger after it ran (AppsCheckedAfterEachTestAttribute): cleanup only.
        disposed = true;
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        await DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file a closing process still holds is left to the OS's temp cleaner.
        }
    }

    /// <summary>The ledger must balance after every test that used this app; a breach fails that test.</summary>
    public async Task AssertStillSoundAsync()
    {
        if (!disposed)
        {
            var violations = await LedgerViolationsAsync();
            Assert.True(violations.Count == 0, "The ledger invariant does not hold: " + string.Join("; ", violations));
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
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Payout", $"Data Source={Path.Combine(folder, "payout.db")}");
        builder.UseSetting("Admin:ApiKey", AdminKey);
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("Merchants:0:Id", MerchantId);
        builder.UseSetting("Merchants:0:Name", "Browser test merchant");
        builder.UseSetting("Keys:Directory", Path.Combine(folder, "keys"));
        builder.UseSetting("Keys:GenerateMissing", "true");
        builder.UseSetting("Auth:PasswordHasher:IterationCount", "1");
        builder.UseSetting("RateLimits:TokenPerAddressPerMinute", "1000000");
        builder.UseSetting("PayoutNetwork:DispatchIntervalMilliseconds", "100");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton(Clock));
    }

    /// <summary>A fresh browser context (its own cookies) with one page at the service's address.</summary>
    private const float PageTimeoutMs = 30_000;

    static BrowserApp() => Assertions.SetDefaultExpectTimeout(PageTimeoutMs);

    public async Task<IPage> NewPageAsync()
    {
        AppsCheckedAfterEachTestAttribute.Used(this);
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        // Playwright's 5 s defaults are for a quiet machine; this one is shared, and a slow page is not a wrong one.
        context.SetDefaultTimeout(PageTimeoutMs);
        var page = await context.NewPageAsync();
        page.PageError += (_, error) => pageErrors.Add(error);
        page.Console += (_, message) =>
        {
            // A refused request is logged by the browser as a console error; the tests expect some (401, 409).
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                pageErrors.Add(message.Text);
            }
        };
        return page;
    }

    /// <summary>Fails when a page had a script error or violated the Content-Security-Policy.</summary>
    public void AssertNoPageErrors() => Assert.Empty(pageErrors);

    /// <summary>A full-page screenshot in artifacts/console/ of the repository.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artifacts.Folder, name + ".png"), FullPage = true });

    public HttpClient AdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        return client;
    }

    public async Task<JsonElement> AdminGetAsync(string path)
    {
        using var admin = AdminClient();
        return await admin.GetFromJsonAsync<JsonElement>(path);
    }

    public async Task<(long Id, string Phone)> CreateCustomerAsync(string kycLevel = "KYC_1")
    {
        var phone = $"+44{Interlocked.Increment(ref phoneCounter):D10}";
        using var admin = AdminClient();
        var customer = await admin.PostAsJsonAsync("/admin/v1/customers", new { merchantId = MerchantId, phone, password = "correct-horse-9", kycLevel })
            .SuccessBodyAsync();
        return (customer.GetProperty("customerId").GetInt64(), phone);
    }

    public async Task DepositAsync(long customerId, string currency, decimal amount)
    {
        using var admin = AdminClient();
        await admin.PostAsJsonAsync($"/admin/v1/customers/{customerId}/deposits", new { currency, amount }).AssertSuccessAsync();
    }

    /// <summary>A customer's API client (bearer token and SDK version set).</summary>
    public async Task<HttpClient> CustomerClientAsync(string phone)
    {
        var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "mobile_phone", ["number"] = phone, ["password"] = "correct-horse-9",
            }),
        };
        request.Headers.Add("X-Merchant-ID", MerchantId);
        var token = await client.SendAsync(request).SuccessBodyAsync();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("access_token").GetString());
        client.DefaultRequestHeaders.Add("X-Sdk-Version", "payoutCard=1.2");
        return client;
    }

    /// <summary>Adds a card with its billing address and answers its id.</summary>
    public static async Task<long> AddCardAsync(HttpClient customer, string cardNumber)
    {
        var card = await customer.PostAsJsonAsync("/v4/payout/card",
            new { cardNumber, cardHolder = "Test Customer", cardExpirationYear = 2030, cardExpirationMonth = 12 }).SuccessBodyAsync();
        var cardId = card.GetProperty("cardId").GetInt64();
        await customer.PostAsJsonAsync($"/v4/payout/card/{cardId}/billing-address",
            new { address = "1 High Street", city = "London", countryCode = "GB", zip = "SW1A 1AA" }).AssertSuccessAsync();
        return cardId;
    }

    /// <summary>Quotes <paramref name="amount"/> of <paramref name="fromCurrency"/> to EUR on the card and executes it; answers the execute response.</summary>
    public static async Task<JsonElement> PayOutAsync(HttpClient customer, long cardId, decimal amount, string fromCurrency = "USDT")
    {
        var offer = await customer.PostAsJsonAsync("/v4/payout/offer", new { amount, fromCurrency, toCurrency = "EUR", cardId }).SuccessBodyAsync();
        return await customer.PostAsync($"/v4/payout/pay/{offer.GetProperty("offerId").GetInt64()}", null).SuccessBodyAsync();
    }

    public static async Task<JsonElement> PayOutAsync(HttpClient customer, string cardNumber, decimal amount) =>
        await PayOutAsync(customer, await AddCardAsync(customer, cardNumber), amount);

    public async Task<decimal> BalanceAsync(long customerId, string currency)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerReader>().WalletBalanceAsync(customerId, currency, CancellationToken.None);
    }

    private async Task<IReadOnlyList<string>> LedgerViolationsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerInvariant>().FindViolationsAsync(CancellationToken.None);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A <see cref="BrowserApp"/> whose service clock the test moves (stuck payouts, pending delays).</summary>
public abstract class BrowserAppWithClock : BrowserApp
{
    public FakeTimeProvider FakeClock { get; } = new(DateTimeOffset.UtcNow);

    protected override TimeProvider Clock => FakeClock;
}
