using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Payouts;
using Payout.Api.Features.Ledger;
using Payout.Api.Features.Payouts;
using Payout.Api.Infrastructure.Persistence;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Network;

/// <summary>
/// The API as a separate process, killed with SIGKILL in the middle of 200 payouts and started again:
/// every payout still ends SUCCESS or FAILED, the network paid each at most once, and every unit of money
/// is accounted for. Slow (about a minute): scripts/test.sh runs it once per suite, on PostgreSQL only.
/// </summary>
[Trait("Category", "Slow")]
public sealed class CrashSafetyTests : IAsyncLifetime
{
    private const string AdminKey = "crash-test-admin-key-0123456789";
    private const string MerchantId = "bece038f-2e46-49f4-b25e-89cd38d6dc16";
    private const string PendingThenPaid = "4000000000000010";
    private const string NetworkKey = "crash-test-network-key-0123";
    private const string CallbackSecret = "crash-test-callback-secret-0123";
    private const int Payouts = 200;

    private readonly string keys = Directory.CreateTempSubdirectory("payout-crash-keys-").FullName;
    private TestDatabase database = null!;
    private ServiceProcess sandbox = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        sandbox = new ServiceProcess("Payout.Sandbox",
            ["--Sandbox:ApiKey", NetworkKey, "--Sandbox:CallbackSecret", CallbackSecret, "--Sandbox:PendingDelaySeconds", "2"]);
        await sandbox.StartAsync("/v1/payouts/none", TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        sandbox.Dispose();
        await database.DisposeAsync();
        Directory.Delete(keys, recursive: true);
    }

    [Fact]
    public async Task Killing_the_api_mid_payouts_loses_no_money_and_pays_nothing_twice()
    {
        var port = ServiceProcess.FreePort();
        long customerId;
        using (var api = Api(port))
        {
            await api.StartAsync("/admin/v1/merchants", TimeSpan.FromSeconds(90));
            using var admin = AdminClient(api);
            var (id, client) = await PayingCustomerAsync(api, admin);
            customerId = id;
            var cardId = await CardAsync(client);

            // Pay with 8 in flight at a time; pull the plug when half are through.
            var done = 0;
            var killed = new TaskCompletionSource();
            using var gate = new SemaphoreSlim(8);
            var work = Enumerable.Range(0, Payouts).Select(async _ =>
            {
                await gate.WaitAsync();
                try
                {
                    if (killed.Task.IsCompleted)
                    {
                        return;
                    }

                    var offer = await client.PostAsJsonAsync("/v4/payout/offer", new { amount = 30m, fromCurrency = "USDT", toCurrency = "EUR", cardId });
                    var offerId = (await offer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("offerId").GetInt64();
                    (await client.PostAsync($"/v4/payout/pay/{offerId}", null)).Dispose();
                    if (Interlocked.Increment(ref done) == Payouts / 2)
                    {
                        api.Kill();
                        killed.TrySetResult();
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException or KeyNotFoundException)
                {
                    // Requests in flight when the process died.
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(work);
            Assert.True(killed.Task.IsCompleted);
        }

        using (var restarted = Api(port))
        {
            await restarted.StartAsync("/admin/v1/merchants", TimeSpan.FromSeconds(90));
            await WaitUntilNothingPendingAsync(TimeSpan.FromSeconds(90));
            using var admin = AdminClient(restarted);
            var invariant = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/ledger/invariant");
            Assert.True(invariant.GetProperty("holds").GetBoolean(), invariant.ToString());
        }

        await AssertAccountedForAsync(customerId);
    }

    private ServiceProcess Api(int port) => new("Payout.Api",
    [
        "--Database:Provider", database.Provider,
        "--ConnectionStrings:Payout", database.ConnectionString,
        "--Keys:Directory", keys,
        "--Keys:GenerateMissing", "true",
        "--Admin:ApiKey", AdminKey,
        "--Demo:Seed", "false",
        "--Merchants:0:Id", MerchantId,
        "--Auth:PasswordHasher:IterationCount", "1",
        "--PayoutNetwork:Mode", "Remote",
        "--PayoutNetwork:BaseUrl", sandbox.BaseAddress.ToString(),
        "--PayoutNetwork:ApiKey", NetworkKey,
        "--PayoutNetwork:CallbackSecret", CallbackSecret,
        "--PayoutNetwork:ReconcileAfterSeconds", "3",
        "--PayoutNetwork:DispatchIntervalMilliseconds", "200",
    ], port);

    private static HttpClient AdminClient(ServiceProcess api)
    {
        var client = new HttpClient { BaseAddress = api.BaseAddress };
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        return client;
    }

    private static async Task<(long CustomerId, HttpClient Client)> PayingCustomerAsync(ServiceProcess api, HttpClient admin)
    {
        const string phone = "+447700900999";
        var created = await admin.PostAsJsonAsync("/admin/v1/customers", new { merchantId = MerchantId, phone, password = "crash-test-pass", kycLevel = "KYC_1" });
        var customerId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("customerId").GetInt64();
        await admin.PostAsJsonAsync($"/admin/v1/customers/{customerId}/deposits", new { currency = "USDT", amount = 20_000m, reference = "crash-deposit" }).AssertSuccessAsync();
        await admin.PostAsJsonAsync("/admin/v1/network-float/EUR/top-ups", new { amount = 1_000_000m, reference = "crash-float" }).AssertSuccessAsync();

        using var http = new HttpClient { BaseAddress = api.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "mobile_phone", ["number"] = phone, ["password"] = "crash-test-pass" }),
        };
        request.Headers.Add("X-Merchant-ID", MerchantId);
        var token = (await (await http.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("X-Sdk-Version", "1.2");
        return (customerId, client);
    }

    private static async Task<long> CardAsync(HttpClient client)
    {
        var card = await client.PostAsJsonAsync("/v4/payout/card", new { cardNumber = PendingThenPaid, cardHolder = "Crash Test", cardExpirationYear = 2030, cardExpirationMonth = 1 });
        var cardId = (await card.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cardId").GetInt64();
        await client.PostAsJsonAsync($"/v4/payout/card/{cardId}/billing-address",
            new { address = "1 High Street", city = "London", countryCode = "GB", zip = "SW1A 1AA" }).AssertSuccessAsync();
        return cardId;
    }

    private async Task WaitUntilNothingPendingAsync(TimeSpan within)
    {
        await using var db = Db();
        await EventuallyAsync(async () => !await db.Set<PayoutOperation>().AnyAsync(p => p.Status == PayoutStatus.PENDING),
            within, "no payout PENDING after the restart");
    }

    private async Task AssertAccountedForAsync(long customerId)
    {
        await using var db = Db();
        var operations = await db.Set<PayoutOperation>().AsNoTracking().ToListAsync();
        Assert.InRange(operations.Count, Payouts / 2, Payouts);
        Assert.All(operations, p => Assert.NotEqual(PayoutStatus.PENDING, p.Status));

        using var network = new HttpClient { BaseAddress = sandbox.BaseAddress };
        network.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", NetworkKey);
        var received = (await network.GetFromJsonAsync<JsonElement>("/v1/admin/payouts")).GetProperty("payouts").EnumerateArray()
            .ToDictionary(p => p.GetProperty("payoutId").GetString()!, p => p.GetProperty("timesPaid").GetInt32());
        Assert.All(received.Values, timesPaid => Assert.InRange(timesPaid, 0, 1));
        foreach (var operation in operations.Where(p => p.Status == PayoutStatus.SUCCESS))
        {
            Assert.Equal(1, received[$"op-{operation.Id}"]);
        }

        // deposits = balances + in flight + settled + fees, in USDT.
        var usdt = await db.Set<LedgerAccount>().AsNoTracking().Where(a => a.Currency == "USDT").ToListAsync();
        decimal Sum(AccountType type) => usdt.Where(a => a.Type == type).Sum(a => a.Balance);
        Assert.Equal(-Sum(AccountType.Deposits),
            Sum(AccountType.CustomerWallet) + Sum(AccountType.PayoutsInFlight) + Sum(AccountType.SettledPayouts)
            + Sum(AccountType.FeeRevenue) + Sum(AccountType.PartnerRevenue));
        Assert.Equal(0m, Sum(AccountType.PayoutsInFlight));
        var debited = operations.Where(p => p.Status == PayoutStatus.SUCCESS).Sum(p => p.TotalDebited);
        Assert.Equal(20_000m - debited, usdt.Single(a => a.CustomerId == customerId).Balance);
    }

    private PayoutDbContext Db()
    {
        if (database.IsPostgres)
        {
            var options = new DbContextOptionsBuilder<PostgresPayoutDbContext>();
            DatabaseSetup.ConfigurePostgres(options, database.ConnectionString);
            return new PostgresPayoutDbContext(options.Options);
        }

        var sqlite = new DbContextOptionsBuilder<SqlitePayoutDbContext>();
        DatabaseSetup.ConfigureSqlite(sqlite, database.ConnectionString);
        return new SqlitePayoutDbContext(sqlite.Options);
    }
}
