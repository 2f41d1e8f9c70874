using System.Net.Http.Json;
using System.Text.Json;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Reports;

/// <summary>
/// Figures an operator can check by hand: 100 USDT at 0.9 EUR with no spread and no fixed fee is 90.00 EUR, with a
/// 3 USDT transaction fee (3 %) and a 1 USDT partner fee (1 %): 104 USDT debited, 3 to our fees, 1 to the partner.
/// The reconciliation job looks every second, so a test that moves the clock past a day's run time sees it run.
/// </summary>
public sealed class ReportsApp : PayoutApp
{
    public ReportsApp()
    {
    }

    /// <summary>A second API process on <paramref name="first"/>'s database, keys and network.</summary>
    internal ReportsApp(PayoutApp first)
        : base(first.Database, first.KeysDirectory, networkHost: first)
    {
    }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Rates:Market:USDT:EUR"] = "0.9",
        ["Fees:Spread"] = "0",
        ["Fees:FixFee"] = "0",
        ["Fees:TransactionFee"] = "0.03",
        ["Fees:PartnerFee"] = "0.01",
        ["Reconciliation:PollSeconds"] = "1",
        // The job's rounds are logged at Debug: a test can tell when each process has looked again.
        ["Logging:LogLevel:Payout.Api.Features.Reconciliation"] = "Debug",
    };

    /// <summary>
    /// Moves the clock 6 s at a time — the sandbox pays pending cards 5 s after they were sent, and a payout whose
    /// answer was lost is asked for again after a backoff on this clock — until every payout is final, and answers them.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, JsonElement>> SettleAsync(HttpClient customer, IReadOnlyCollection<long> operationIds)
    {
        Clock.Advance(TimeSpan.FromSeconds(6));
        return await EventuallyAsync(
            async () =>
            {
                var operations = new Dictionary<long, JsonElement>();
                foreach (var id in operationIds)
                {
                    operations[id] = await customer.GetFromJsonAsync<JsonElement>($"/v4/payout/operations/{id}");
                }

                return operations;
            },
            operations => operations.Values.All(o => o.GetProperty("status").GetString() != "PENDING"),
            TimeSpan.FromSeconds(40),
            $"payouts {string.Join(", ", operationIds)} all final",
            nudge: () => Clock.Advance(TimeSpan.FromSeconds(6)));
    }

    /// <summary>Moves the clock to 01:00 of the next UTC day and answers that day: a day no earlier test wrote in.</summary>
    public DateOnly StartNextDay()
    {
        var now = Clock.GetUtcNow();
        var next = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(1), TimeSpan.Zero);
        Clock.Advance(next - now);
        return DateOnly.FromDateTime(next.UtcDateTime);
    }
}
