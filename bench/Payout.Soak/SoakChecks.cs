using System.Net.Http.Json;
using System.Text.Json;
using Payout.Api.Domain.Ledger;

namespace Payout.Soak;

/// <summary>
/// After the faults: every payout final, or pending with a network that never heard of it (listed as stuck once old
/// enough); the network paid each at most once and exactly the ones we call SUCCESS; the ledger's invariant holds; and
/// deposits = balances + in flight + settled + fees, to the last unit. Plus the audit trail's chain.
/// </summary>
public sealed class SoakChecks(SoakEnvironment environment, Tally tally, Action<string> log)
{
    public int Success { get; private set; }

    public int Failed { get; private set; }

    public int Stuck { get; private set; }

    public int Total => Success + Failed + Stuck;

    public async Task RunAsync()
    {
        var network = await WaitUntilSettledAsync(TimeSpan.FromSeconds(environment.Options.SettleSeconds));
        await CheckPayoutsAsync(network);
        await CheckMoneyAsync();
        await CheckOperatorViewAsync();
    }

    /// <summary>Waits until every payout still pending is one the network has no record of (it never answers about it).</summary>
    private async Task<Dictionary<string, JsonElement>> WaitUntilSettledAsync(TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var network = await NetworkPayoutsAsync();
            var waiting = (await PayoutsAsync()).Count(p => p.Status == "PENDING" && network.ContainsKey($"op-{p.Id}"));
            if (waiting == 0 || DateTime.UtcNow > deadline)
            {
                log($"settled after {(DateTime.UtcNow - (deadline - within)).TotalSeconds:F0} s: {waiting} pending payouts the network knows of");
                return network;
            }

            await Task.Delay(500);
        }
    }

    private async Task CheckPayoutsAsync(Dictionary<string, JsonElement> network)
    {
        foreach (var (payoutId, payout) in network)
        {
            if (payout.GetProperty("timesPaid").GetInt32() > 1)
            {
                tally.Violation($"the network paid {payoutId} {payout.GetProperty("timesPaid").GetInt32()} times");
            }
        }

        foreach (var (id, status) in await PayoutsAsync())
        {
            var timesPaid = network.TryGetValue($"op-{id}", out var there) ? there.GetProperty("timesPaid").GetInt32() : 0;
            switch (status)
            {
                case "SUCCESS":
                    Success++;
                    Expect(timesPaid == 1, $"payout {id} is SUCCESS but the network paid it {timesPaid} times");
                    break;
                case "FAILED":
                    Failed++;
                    Expect(timesPaid == 0, $"payout {id} is FAILED but the network paid it");
                    break;
                default:
                    Stuck++;
                    if (there.ValueKind != JsonValueKind.Undefined)
                    {
                        tally.Violation($"payout {id} is still {status} though the network answered it ({await OutboxStateAsync(id)})");
                    }

                    break;
            }
        }
    }

    /// <summary>In every crypto currency: what came in is in wallets, in flight, paid out, or our fees.</summary>
    private async Task CheckMoneyAsync()
    {
        await using var command = environment.Data.CreateCommand("SELECT currency, type, SUM(balance) FROM ledger_accounts GROUP BY currency, type");
        await using var reader = await command.ExecuteReaderAsync();
        var sums = new Dictionary<(string Currency, AccountType Type), decimal>();
        while (await reader.ReadAsync())
        {
            sums[(reader.GetString(0), (AccountType)reader.GetInt32(1))] = reader.GetDecimal(2);
        }

        // The crypto currencies: the ones customers hold (fiat "deposits" are our float top-ups at the network).
        foreach (var currency in sums.Keys.Where(k => k.Type == AccountType.CustomerWallet).Select(k => k.Currency).Distinct())
        {
            decimal Sum(AccountType type) => sums.GetValueOrDefault((currency, type));
            var deposits = -Sum(AccountType.Deposits);
            var accounted = Sum(AccountType.CustomerWallet) + Sum(AccountType.PayoutsInFlight) + Sum(AccountType.SettledPayouts)
                + Sum(AccountType.FeeRevenue) + Sum(AccountType.PartnerRevenue);
            Expect(deposits == accounted, $"{currency}: deposits {deposits} but balances + in flight + settled + fees = {accounted}");
        }
    }

    private async Task CheckOperatorViewAsync()
    {
        using var admin = SoakEnvironment.AdminOf(environment.Apis[0]);
        var invariant = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/ledger/invariant");
        Expect(invariant.GetProperty("holds").GetBoolean(), "the ledger invariant does not hold: " + invariant);
        var audit = await admin.GetFromJsonAsync<JsonElement>("/admin/v1/audit/verify");
        Expect(audit.GetProperty("holds").GetBoolean(), "the audit chain does not hold: " + audit);

        // The list holds the oldest 500 at most.
        var listed = (await admin.GetFromJsonAsync<JsonElement>("/admin/v1/payouts/stuck")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("operationId").GetInt64()).ToList();
        // A payout that turned a minute old between the two reads may be on either side: 10 s of slack.
        var pending = new HashSet<long>();
        var pendingLong = 0;
        await using var command = environment.Data.CreateCommand(
            "SELECT id, created_at < now() - interval '70 seconds' FROM payout_operations WHERE status = 'PENDING'");
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                pending.Add(reader.GetInt64(0));
                pendingLong += reader.GetBoolean(1) ? 1 : 0;
            }
        }

        Expect(listed.Count >= Math.Min(pendingLong, MaxStuckListed),
            $"{pendingLong} payouts are pending for over a minute but only {listed.Count} are listed as stuck");
        Expect(listed.All(pending.Contains), "a payout listed as stuck is not pending");
    }

    private const int MaxStuckListed = 500;

    private async Task<List<(long Id, string Status)>> PayoutsAsync()
    {
        var payouts = new List<(long, string)>();
        await using var command = environment.Data.CreateCommand("SELECT id, status FROM payout_operations");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            payouts.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return payouts;
    }

    /// <summary>Why a payout may still be pending, for the failure message: its outbox entry as the dispatchers left it.</summary>
    private async Task<string> OutboxStateAsync(long id)
    {
        await using var command = environment.Data.CreateCommand(
            "SELECT state, attempts, due_at - now(), lease_owner, lease_until - now(), last_error, now() - updated_at FROM payout_outbox WHERE operation_id = $1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? $"outbox: {reader.GetString(0)}, attempts {reader.GetInt32(1)}, due in {reader.GetFieldValue<TimeSpan>(2)}, "
                + $"lease {(reader.IsDBNull(3) ? "none" : $"{reader.GetString(3)} for {reader.GetFieldValue<TimeSpan>(4)}")}, "
                + $"last error {(reader.IsDBNull(5) ? "none" : reader.GetString(5))}, updated {reader.GetFieldValue<TimeSpan>(6)} ago"
            : "no outbox entry";
    }

    private async Task<Dictionary<string, JsonElement>> NetworkPayoutsAsync()
    {
        using var network = environment.NetworkAdmin();
        var body = await network.GetFromJsonAsync<JsonElement>("/v1/admin/payouts");
        return body.GetProperty("payouts").EnumerateArray().ToDictionary(p => p.GetProperty("payoutId").GetString()!, p => p.Clone());
    }

    private void Expect(bool holds, string violation)
    {
        if (!holds)
        {
            tally.Violation(violation);
        }
    }
}
