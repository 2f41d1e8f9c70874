using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Pricing;
using Payout.Api.Features.Ledger;
using Payout.IntegrationTests.Infrastructure;
using Payout.IntegrationTests.Network;

namespace Payout.IntegrationTests.Ledger;

/// <summary>
/// The ledger sends a transaction's balance updates in batches (one round trip per lock group), yet the database still
/// refuses each overdraft on its own row and the writer still says which account refused. Execute's checks read the same
/// balances first, so over HTTP this refusal is only reached in a race; here the ledger is asked directly, inside a
/// transaction that is rolled back, on the database of the run (SQLite or PostgreSQL).
/// </summary>
public sealed class BatchedRefusalTests(ThinFloatApp app) : IClassFixture<ThinFloatApp>
{
    private static readonly FeeBreakdown NoFees = new(0m, 0m, 0m, 0m);

    [Fact]
    public async Task A_float_debit_the_whole_float_cannot_cover_is_refused_and_names_the_float()
    {
        var (customer, _, _) = await app.PayingCustomerAsync(deposit: 1_000m);

        // 100 EUR over 16 shards: the payout's shard refuses, no other shard can, and together they cannot either.
        var refused = await PostAndRollBackAsync(LedgerTransactions.PayoutDebit(customer.Id, "USDT", 50m, NoFees, new FiatLeg("EUR", 150m), shard: 3));

        Assert.Equal(PostingOutcome.InsufficientFunds, refused.Outcome);
        Assert.Equal(AccountKey.House(AccountType.NetworkFloat, "EUR", 3), refused.RefusedAccount);
        Assert.Equal(1_000m, await app.BalanceAsync(customer.Id, "USDT"));
        Assert.Equal(100m, await app.HouseBalanceAsync(AccountType.NetworkFloat, "EUR"));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_wallet_debit_beyond_the_balance_is_refused_and_names_the_wallet()
    {
        var (customer, _, _) = await app.PayingCustomerAsync(deposit: 1_000m);

        var refused = await PostAndRollBackAsync(LedgerTransactions.PayoutDebit(customer.Id, "USDT", 1_000.01m, NoFees, new FiatLeg("EUR", 5m), shard: 0));

        Assert.Equal(PostingOutcome.InsufficientFunds, refused.Outcome);
        Assert.Equal(AccountKey.Wallet(customer.Id, "USDT"), refused.RefusedAccount);
        Assert.Equal(1_000m, await app.BalanceAsync(customer.Id, "USDT"));
        await app.AssertLedgerHoldsAsync();
    }

    [Fact]
    public async Task A_debit_both_rows_cover_is_posted_with_one_posting_per_entry_on_the_accounts_named()
    {
        var (customer, _, _) = await app.PayingCustomerAsync(deposit: 1_000m);

        var posted = await PostAndRollBackAsync(LedgerTransactions.PayoutDebit(customer.Id, "USDT", 10m, NoFees, new FiatLeg("EUR", 2m), shard: 5),
            expectedPostings: ["wallet:" + customer.Id + ":USDT", "house:PayoutsInFlight:USDT:5", "house:NetworkFloat:EUR:5", "house:FiatInFlight:EUR:5"]);

        Assert.Equal(PostingOutcome.Posted, posted.Outcome);
        Assert.Null(posted.RefusedAccount);
    }

    /// <summary>Posts in a transaction of its own, checks the postings it wrote (by account code) when given, and rolls back.</summary>
    private Task<PostingResult> PostAndRollBackAsync(LedgerTransaction transaction, IReadOnlyList<string>? expectedPostings = null) =>
        app.Inside.ReadDatabaseAsync(async db =>
        {
            await using var scope = await db.Database.BeginTransactionAsync();
            var result = await new LedgerWriter(db, TimeProvider.System).PostAsync(transaction, CancellationToken.None);
            if (expectedPostings is not null)
            {
                var codes = await db.Set<LedgerPosting>().Where(p => p.TransactionId == result.TransactionId)
                    .Join(db.Set<LedgerAccount>(), p => p.AccountId, a => a.Id, (p, a) => a.Code).ToListAsync();
                Assert.Equal(expectedPostings.Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
            }

            await scope.RollbackAsync();
            return result;
        });
}
