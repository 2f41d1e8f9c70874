using CsCheck;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Pricing;

namespace Payout.UnitTests.Ledger;

public sealed class LedgerTransactionTests
{
    private static readonly string[] Currencies = ["BTC", "ETH", "USDT"];

    private static readonly Gen<decimal> PositiveAmounts =
        Gen.Long[1, 100_000_000_000_000_000].Select(units => units / 100_000_000m);

    private static readonly Gen<int> Shards = Gen.Int[0, HouseShards.MaxCount - 1];

    private static readonly Gen<string> CurrencyCodes = Gen.Int[0, Currencies.Length - 1].Select(i => Currencies[i]);

    private static readonly Gen<AccountKey> Accounts = Gen.OneOf(
        Gen.Select(Gen.Long[1, 5], CurrencyCodes, AccountKey.Wallet),
        Gen.Select(Gen.Enum<AccountType>().Where(t => t != AccountType.CustomerWallet), CurrencyCodes, Gen.Int[0, 3], AccountKey.House));

    [Fact]
    public void Every_transaction_built_from_transfers_sums_to_zero_per_currency() =>
        Gen.Select(Accounts, Accounts, PositiveAmounts)
            .Array[1, 8]
            .Sample(transfers =>
            {
                var entries = transfers.SelectMany(t => LedgerTransaction.Transfer(
                    t.Item1, AccountKey.House(t.Item2.Type == AccountType.CustomerWallet ? AccountType.Deposits : t.Item2.Type, t.Item1.Currency), t.Item3));
                var transaction = LedgerTransaction.Create("TEST", entries);
                Assert.All(
                    transaction.Entries.GroupBy(e => e.Account.Currency),
                    currency => Assert.Equal(0m, currency.Sum(e => e.Amount)));
            });

    [Fact]
    public void A_transaction_that_does_not_sum_to_zero_cannot_be_built() =>
        Gen.Select(Accounts, PositiveAmounts, PositiveAmounts)
            .Sample((account, amount, skew) =>
            {
                var other = AccountKey.House(AccountType.PayoutsInFlight, account.Currency);
                var entries = new[] { new LedgerEntry(account, -amount), new LedgerEntry(other, amount + skew) };
                Assert.Throws<UnbalancedTransactionException>(() => LedgerTransaction.Create("TEST", entries));
            });

    [Fact]
    public void Entries_in_different_currencies_must_each_balance()
    {
        var entries = new[]
        {
            new LedgerEntry(AccountKey.Wallet(1, "BTC"), -1m),
            new LedgerEntry(AccountKey.House(AccountType.PayoutsInFlight, "ETH"), 1m),
        };

        Assert.Throws<UnbalancedTransactionException>(() => LedgerTransaction.Create("TEST", entries));
    }

    [Fact]
    public void A_transfer_between_currencies_is_refused() =>
        Assert.Throws<UnbalancedTransactionException>(() =>
            LedgerTransaction.Transfer(AccountKey.Wallet(1, "BTC"), AccountKey.Wallet(2, "ETH"), 1m).ToList());

    [Fact]
    public void An_empty_transaction_is_refused() =>
        Assert.Throws<UnbalancedTransactionException>(() => LedgerTransaction.Create("TEST", []));

    [Fact]
    public void Payout_lifecycle_moves_money_from_wallet_to_settled_and_revenue() =>
        Gen.Select(PositiveAmounts, PositiveAmounts, PositiveAmounts, Shards).Sample((amount, fees, partnerFee, shard) =>
        {
            var fiat = new FiatLeg("EUR", 90m);
            var breakdown = new FeeBreakdown(fees, 0m, 0m, partnerFee);
            var debit = LedgerTransactions.PayoutDebit(7, "USDT", amount, breakdown, fiat, shard);
            var settle = LedgerTransactions.PayoutSettle("USDT", amount, breakdown, fiat, shard);
            var byAccount = debit.Entries.Concat(settle.Entries)
                .GroupBy(e => e.Account)
                .ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));

            Assert.Equal(-(amount + fees + partnerFee), byAccount[AccountKey.Wallet(7, "USDT")]);
            Assert.Equal(0m, byAccount[AccountKey.House(AccountType.PayoutsInFlight, "USDT", shard)]);
            Assert.Equal(amount, byAccount[AccountKey.House(AccountType.SettledPayouts, "USDT", shard)]);
            Assert.Equal(fees, byAccount[AccountKey.House(AccountType.FeeRevenue, "USDT", shard)]);
            Assert.Equal(partnerFee, byAccount[AccountKey.House(AccountType.PartnerRevenue, "USDT", shard)]);
            Assert.Equal(-90m, byAccount[AccountKey.House(AccountType.NetworkFloat, "EUR", shard)]);
            Assert.Equal(0m, byAccount[AccountKey.House(AccountType.FiatInFlight, "EUR", shard)]);
            Assert.Equal(90m, byAccount[AccountKey.House(AccountType.FiatPaidOut, "EUR", shard)]);
            Assert.All(byAccount.Keys.Where(k => k.IsHouse), k => Assert.Equal(shard, k.Shard));
        });

    [Fact]
    public void A_refund_returns_exactly_what_was_debited() =>
        Gen.Select(PositiveAmounts, PositiveAmounts, Shards).Sample((amount, fees, shard) =>
        {
            var fiat = new FiatLeg("USD", 1_000m);
            var breakdown = new FeeBreakdown(fees, 0m, 0m, 0m);
            var debit = LedgerTransactions.PayoutDebit(7, "BTC", amount, breakdown, fiat, shard);
            var refund = LedgerTransactions.PayoutRefund(7, "BTC", amount, breakdown, fiat, shard);
            var net = debit.Entries.Concat(refund.Entries).GroupBy(e => e.Account).ToDictionary(g => g.Key, g => g.Sum(e => e.Amount));
            Assert.All(net.Values, total => Assert.Equal(0m, total));
        });
}
