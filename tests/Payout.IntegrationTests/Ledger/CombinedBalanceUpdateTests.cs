using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Ledger;
using Payout.Api.Features.Ledger;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Ledger;

/// <summary>
/// The balance changes of house accounts that may go negative travel as one upsert of one row per account. A transaction
/// with two entries on one account changes that balance by their sum, keeps one posting per entry, and creates an account
/// it names for the first time; the ledger still holds (every balance is its postings, every currency sums to zero).
/// </summary>
public sealed class CombinedBalanceUpdateTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    [Fact]
    public async Task Two_entries_on_one_house_account_change_its_balance_by_their_sum_with_a_posting_each()
    {
        var deposits = AccountKey.House(AccountType.Deposits, "USDT", 7);
        var settled = AccountKey.House(AccountType.SettledPayouts, "USDT", 7);
        var fresh = AccountKey.House(AccountType.PartnerRevenue, "USDT", 201);
        var depositsBefore = (await app.HouseShardsAsync(AccountType.Deposits, "USDT")).GetValueOrDefault(7);
        var settledBefore = (await app.HouseShardsAsync(AccountType.SettledPayouts, "USDT")).GetValueOrDefault(7);
        var transaction = LedgerTransaction.Create("DEPOSIT",
        [
            new LedgerEntry(deposits, -10m), new LedgerEntry(settled, 4m), new LedgerEntry(settled, 5.5m), new LedgerEntry(fresh, 0.5m),
        ]);

        var postings = await app.Inside.ReadDatabaseAsync(async db =>
        {
            await using var scope = await db.Database.BeginTransactionAsync();
            var posted = await new LedgerWriter(db, TimeProvider.System).PostAsync(transaction, CancellationToken.None);
            Assert.Equal(PostingOutcome.Posted, posted.Outcome);
            await scope.CommitAsync();
            return await db.Set<LedgerPosting>().Where(p => p.TransactionId == posted.TransactionId).Select(p => p.Amount).ToListAsync();
        });

        Assert.Equal([-10m, 0.5m, 4m, 5.5m], postings.Order());
        Assert.Equal(depositsBefore - 10m, (await app.HouseShardsAsync(AccountType.Deposits, "USDT"))[7]);
        Assert.Equal(settledBefore + 9.5m, (await app.HouseShardsAsync(AccountType.SettledPayouts, "USDT"))[7]);
        Assert.Equal(0.5m, (await app.HouseShardsAsync(AccountType.PartnerRevenue, "USDT"))[201]);
        await app.AssertLedgerHoldsAsync();
    }
}
