using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Ledger;

/// <summary>
/// On SQLite, writers take turns at an in-process gate before SQLite's write lock (docs/decisions.md, "SQLite: one
/// writer, taking turns"). The gate decides nothing, so no way a transaction can end may leave later writes waiting on
/// it: each test ends a transaction badly on purpose, then shows the next writes go through well inside the driver's
/// 30 s timeout that a lost turn once made every write wait. On PostgreSQL the same endings must be just as harmless.
/// </summary>
public sealed class WriteTurnTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    // Far below the 30 s a lost turn cost each write, far above a deposit on a loaded 2-core machine.
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_connection_closed_under_its_transaction_holds_up_no_later_write()
    {
        var customer = await app.CreateCustomerAsync();
        await app.Inside.TamperAsync(async db =>
        {
            await db.Database.BeginTransactionAsync();
            await db.Database.GetDbConnection().CloseAsync(); // behind EF's back: no event tells the gate
            return 0;
        });

        await DepositsGoThroughPromptlyAsync(customer.Id);
    }

    [Fact]
    public async Task A_context_returned_to_the_pool_with_its_transaction_open_holds_up_no_later_write()
    {
        var customer = await app.CreateCustomerAsync();
        await app.Inside.TamperAsync(async db =>
        {
            await db.Database.BeginTransactionAsync();
            return 0; // neither committed nor disposed: the pool resets the context
        });

        await DepositsGoThroughPromptlyAsync(customer.Id);
    }

    [Fact]
    public async Task A_transaction_disposed_on_a_connection_kept_open_holds_up_no_later_write()
    {
        var customer = await app.CreateCustomerAsync();
        await app.Inside.TamperAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await (await db.Database.BeginTransactionAsync()).DisposeAsync(); // an early return: no commit, no rollback, no close

            await DepositsGoThroughPromptlyAsync(customer.Id); // while this context still holds its open connection
            return 0;
        });
    }

    [Fact]
    public async Task Writers_cancelled_mid_request_hold_up_no_later_write()
    {
        var customer = await app.CreateCustomerAsync();
        using var admin = app.AdminClient();

        var cancelled = Enumerable.Range(0, 24).Select(async i =>
        {
            using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(5 * i));
            try
            {
                await admin.PostAsJsonAsync($"/admin/v1/customers/{customer.Id}/deposits", new { currency = "USDT", amount = 1m }, cancel.Token);
            }
            catch (OperationCanceledException)
            {
                // The point: the request was dropped wherever it was, waiting for its turn or holding it.
            }
        });
        await Task.WhenAll(cancelled);

        await DepositsGoThroughPromptlyAsync(customer.Id);
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task Many_concurrent_payouts_and_deposits_all_finish()
    {
        var payers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => app.PayingCustomerAsync(deposit: 1_000m)));
        var depositor = await app.CreateCustomerAsync();

        var payouts = Task.WhenAll(payers.Select(async p =>
            await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.PayOutAsync(p.Client, p.CardId, 50m)))));
        var deposits = Task.WhenAll(Enumerable.Range(0, 40).Select(_ => app.DepositAsync(depositor.Id, "USDT", 1m)));
        await Task.WhenAll(payouts, deposits);

        Assert.Equal(40m, await app.BalanceAsync(depositor.Id, "USDT"));
        foreach (var ((customer, client, _), paid) in payers.Zip(await payouts))
        {
            var debited = paid.Sum(payout => payout.GetProperty("totalDebited").GetDecimal());
            Assert.Equal(1_000m - debited, await app.BalanceAsync(customer.Id, "USDT"));
            client.Dispose();
        }

        await app.AssertLedgerHoldsAsync();
    }

    private async Task DepositsGoThroughPromptlyAsync(long customerId)
    {
        var before = await app.BalanceAsync(customerId, "USDT");
        for (var i = 1; i <= 5; i++)
        {
            var elapsed = Stopwatch.StartNew();
            Assert.Equal(before + i, await app.DepositAsync(customerId, "USDT", 1m));
            Assert.True(elapsed.Elapsed < Promptly, $"Deposit {i} took {elapsed.Elapsed.TotalSeconds:0.0} s: a write waited on a turn nobody held.");
        }
    }
}
