using Npgsql;

namespace Payout.Soak;

/// <summary>
/// The system under test: one throwaway PostgreSQL, one shared sandbox network process (so "paid at most once" can be
/// checked across API processes) and several API processes on that database, pointed at that network.
/// </summary>
public sealed class SoakEnvironment : IAsyncDisposable
{
    public const string AdminKey = "soak-admin-key-0123456789";
    public const string MerchantId = "bece038f-2e46-49f4-b25e-89cd38d6dc16";
    public const string NetworkKey = "soak-network-key-0123456789";
    private const string CallbackSecret = "soak-callback-secret-0123456789";
    private const string Database = "payout_soak";

    private readonly string keys = Directory.CreateTempSubdirectory("payout-soak-keys-").FullName;

    private SoakEnvironment(SoakOptions options, ThrowawayPostgres postgres)
    {
        Options = options;
        Postgres = postgres;
        Http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30), MaxConnectionsPerServer = 256 })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public SoakOptions Options { get; }

    public ThrowawayPostgres Postgres { get; }

    public HttpClient Http { get; }

    public ServiceHost Sandbox { get; private set; } = null!;

    public List<ServiceHost> Apis { get; } = [];

    public NpgsqlDataSource Data { get; private set; } = null!;

    public static async Task<SoakEnvironment> StartAsync(SoakOptions options, Action<string> log)
    {
        var postgres = await ThrowawayPostgres.StartAsync(options.RepositoryRoot);
        var environment = new SoakEnvironment(options, postgres);
        try
        {
            await environment.StartServicesAsync(log);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    /// <summary>Like a load balancer: a random API process (a dead one refuses the connection, and the client tries again).</summary>
    public Uri PickApi(Random random) => Apis[random.Next(Apis.Count)].BaseAddress;

    public HttpClient NetworkAdmin()
    {
        var client = new HttpClient { BaseAddress = Sandbox.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", NetworkKey);
        return client;
    }

    public static HttpClient AdminOf(ServiceHost api)
    {
        var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Admin-Key", AdminKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var api in Apis)
        {
            api.Dispose();
        }

        Sandbox?.Dispose();
        if (Data is not null)
        {
            await Data.DisposeAsync();
        }

        Http.Dispose();
        await Postgres.DisposeAsync();
        Directory.Delete(keys, recursive: true);
    }

    private async Task StartServicesAsync(Action<string> log)
    {
        await using (var admin = NpgsqlDataSource.Create(Postgres.ConnectionString("postgres")))
        {
            await using var create = admin.CreateCommand($"CREATE DATABASE {Database}");
            await create.ExecuteNonQueryAsync();
        }

        Data = NpgsqlDataSource.Create(Postgres.ConnectionString(Database));
        Sandbox = new ServiceHost(Options, "Payout.Sandbox",
            ["--Sandbox:ApiKey", NetworkKey, "--Sandbox:CallbackSecret", CallbackSecret, "--Sandbox:PendingDelaySeconds", "2", "--Sandbox:HangSeconds", "3"],
            "/v1/payouts/none");
        await Sandbox.StartAsync(TimeSpan.FromSeconds(90));
        log($"sandbox network on {Sandbox.BaseAddress}");

        // The first one migrates and makes the keys; the others start on a ready installation.
        for (var i = 0; i < Options.Apis; i++)
        {
            var api = new ServiceHost(Options, "Payout.Api", ApiArguments(), "/health/live");
            Apis.Add(api);
            await api.StartAsync(TimeSpan.FromSeconds(120));
            log($"API process {i + 1} on {api.BaseAddress}");
        }

        using var top = AdminOf(Apis[0]);
        foreach (var fiat in new[] { "EUR", "USD" })
        {
            (await top.PostAsync($"/admin/v1/network-float/{fiat}/top-ups",
                System.Net.Http.Json.JsonContent.Create(new { amount = 1_000_000_000m, reference = "soak-float-" + fiat }))).EnsureSuccessStatusCode();
        }
    }

    private string[] ApiArguments() =>
    [
        "--Database:Provider", "Postgres",
        "--ConnectionStrings:Payout", Postgres.ConnectionString(Database),
        "--Keys:Directory", keys,
        "--Keys:GenerateMissing", "true",
        "--Admin:ApiKey", AdminKey,
        "--Demo:Seed", "false",
        "--Merchants:0:Id", MerchantId,
        "--Merchants:0:Name", "Soak merchant",
        "--Auth:PasswordHasher:IterationCount", "1",
        "--Payout:KycLimitsEur:KYC_3", "1000000000",
        "--RateLimits:TokenPerAddressPerMinute", "1000000",
        "--RateLimits:PerCustomerPerMinute", "1000000",
        "--PayoutNetwork:Mode", "Remote",
        "--PayoutNetwork:BaseUrl", Sandbox.BaseAddress.ToString(),
        "--PayoutNetwork:ApiKey", NetworkKey,
        "--PayoutNetwork:CallbackSecret", CallbackSecret,
        "--PayoutNetwork:ReconcileAfterSeconds", "3",
        "--PayoutNetwork:DispatchIntervalMilliseconds", "200",
        "--PayoutNetwork:AttemptTimeoutSeconds", "2",
        // A killed process's leased payouts are taken over after 5 s instead of 30: the take-overs happen while the
        // run is still going, and the checks do not wait half a minute for them. Still longer than an attempt (2 s).
        "--PayoutNetwork:LeaseSeconds", "5",
        "--PayoutNetwork:ExecuteWaitMilliseconds", "1000",
        "--PayoutNetwork:StuckAfterMinutes", "1",
    ];
}
