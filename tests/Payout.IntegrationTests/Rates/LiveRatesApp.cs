using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Rates;

/// <summary>
/// The whole service with <c>Rates:Source=Exchanges</c> against the fake exchanges, polling every 10 s of the
/// test's clock (<see cref="NextRound"/>), and the USD→EUR limit rate taken from the exchanges too.
/// </summary>
public sealed class LiveRatesApp : PayoutApp
{
    public const int PollIntervalSeconds = 10;

    public FakeExchanges Exchanges { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Exchanges.Settings())
    {
        ["Rates:Source"] = "Exchanges",
        ["Rates:UsdToEurFromExchanges"] = "true",
        ["Rates:Exchanges:PollIntervalSeconds"] = "10",
        ["Rates:Exchanges:RequestTimeoutMilliseconds"] = "1000",
        // A circuit opened by one test must close quickly for the next.
        ["Rates:Exchanges:BreakSeconds"] = "1",
        // The poller logs each exchange's failed answer at Debug; the tests read those lines.
        ["Logging:LogLevel:Payout.Api.Features.Rates"] = "Debug",
    };

    public override async Task InitializeAsync()
    {
        Exchanges = await FakeExchanges.StartAsync(Clock);
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Exchanges.DisposeAsync();
    }

    /// <summary>One poll interval passes on the service's clock: the poller starts a round.</summary>
    public void NextRound() => Clock.Advance(TimeSpan.FromSeconds(PollIntervalSeconds));

    /// <summary>More than <c>Rates:MaxAgeSeconds</c> pass: every observation from before is too old (and a round starts).</summary>
    public void BeyondMaxAge() => Clock.Advance(TimeSpan.FromSeconds(61));
}
