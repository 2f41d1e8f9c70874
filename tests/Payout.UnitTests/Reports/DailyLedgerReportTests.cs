using CsCheck;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Pricing;
using Payout.Api.Domain.Reports;

namespace Payout.UnitTests.Reports;

/// <summary>
/// The daily report built from the sums the database computes, here computed in memory from the ledger's own flows
/// (LedgerTransactions) the way the report's SQL does: by currency and account type, before, during and after the day.
/// </summary>
public sealed class DailyLedgerReportTests
{
    private const int Before = -1;
    private const int During = 0;
    private const int After = 1;

    [Fact]
    public void A_day_of_every_flow_reads_its_figures_from_the_account_lines()
    {
        var day = Build(
            (Before, LedgerTransactions.Deposit(1, "USDT", 500m, Shard)),
            (Before, TopUp("EUR", 1_000m)),
            (During, LedgerTransactions.Deposit(2, "USDT", 300m, Shard)),
            (During, LedgerTransactions.Withdrawal(1, "USDT", 50m, Shard)),
            (During, LedgerTransactions.PayoutDebit(1, "USDT", 100m, Fees(3m, 1m), new FiatLeg("EUR", 90m), Shard)),
            (During, LedgerTransactions.PayoutSettle("USDT", 100m, Fees(3m, 1m), new FiatLeg("EUR", 90m), Shard)),
            (During, LedgerTransactions.PayoutDebit(2, "USDT", 200m, Fees(6m, 2m), new FiatLeg("EUR", 180m), Shard)),
            (During, LedgerTransactions.PayoutRefund(2, "USDT", 200m, Fees(6m, 2m), new FiatLeg("EUR", 180m), Shard)),
            (During, TopUp("EUR", 20m)),
            (After, LedgerTransactions.Deposit(1, "USDT", 1_000_000m, Shard)));

        var usdt = Assert.Single(day, c => c.Currency == "USDT");
        Assert.Equal((300m, 50m, 0m, 312m, 100m, 208m, 3m, 1m), Figures(usdt));
        var wallet = Assert.Single(usdt.Accounts, a => a.Type == AccountType.CustomerWallet);
        Assert.Equal((500m, 646m), (wallet.Opening, wallet.Closing));
        Assert.Equal(new Movements(300m, -50m, 0m, -312m, 0m, 208m), wallet.Movements);

        var eur = Assert.Single(day, c => c.Currency == "EUR");
        Assert.Equal((0m, 0m, 20m, 270m, 90m, 180m, 0m, 0m), Figures(eur));
        Assert.Equal(
            [AccountType.Deposits, AccountType.NetworkFloat, AccountType.FiatInFlight, AccountType.FiatPaidOut],
            eur.Accounts.Select(a => a.Type));
        Assert.All(day, c => Assert.True(c.Balances));
    }

    [Fact]
    public void Whatever_the_flows_and_days_every_line_balances_and_every_currency_sums_to_zero() =>
        Gen.Select(Gen.Int[0, 4], Gen.Int[1, 3], Gen.Long[1, 1_000_000_000], Gen.Int[Before, After], Gen.Int[0, 2])
            .Array[1, 30]
            .Sample(flows =>
            {
                var day = Build([.. flows.Select(f => (f.Item4, Flow(f.Item1, f.Item2, f.Item3 / 100m, f.Item5)))]);

                Assert.All(day, currency =>
                {
                    Assert.True(currency.SumsToZero);
                    Assert.All(currency.Accounts, a => Assert.True(a.Balances, $"{currency.Currency} {a.Type} does not balance."));
                });
            });

    [Fact]
    public void A_movement_of_a_kind_the_report_does_not_know_leaves_its_line_unbalanced()
    {
        var day = DailyLedgerReport.Build(
            [new AccountTypeBalances("BTC", AccountType.CustomerWallet, 0m, 1m), new AccountTypeBalances("BTC", AccountType.Deposits, 0m, -1m)],
            [new AccountTypeMovement("BTC", AccountType.CustomerWallet, "AIRDROP", 1m), new AccountTypeMovement("BTC", AccountType.Deposits, "AIRDROP", -1m)]);

        var btc = Assert.Single(day);
        Assert.True(btc.SumsToZero);
        Assert.False(btc.Balances);
        Assert.All(btc.Accounts, a => Assert.False(a.Balances));
    }

    [Fact]
    public void Accounts_that_do_not_sum_to_zero_fail_the_currency_even_when_each_line_balances()
    {
        var day = DailyLedgerReport.Build([new AccountTypeBalances("ETH", AccountType.CustomerWallet, 2m, 2m)], []);

        var eth = Assert.Single(day);
        Assert.True(Assert.Single(eth.Accounts).Balances);
        Assert.False(eth.SumsToZero);
        Assert.False(eth.Balances);
    }

    [Fact]
    public void Lines_empty_at_both_ends_are_left_out_unless_they_moved_during_the_day()
    {
        var day = DailyLedgerReport.Build(
            [
                new AccountTypeBalances("EUR", AccountType.FiatInFlight, 0m, 0m),
                new AccountTypeBalances("EUR", AccountType.FiatPaidOut, 0m, 0m),
                new AccountTypeBalances("BTC", AccountType.CustomerWallet, 0m, 0m),
            ],
            [
                new AccountTypeMovement("EUR", AccountType.FiatInFlight, LedgerTransactions.PayoutDebitKind, 90m),
                new AccountTypeMovement("EUR", AccountType.FiatInFlight, LedgerTransactions.PayoutSettleKind, -90m),
            ]);

        var eur = Assert.Single(day);
        Assert.Equal("EUR", eur.Currency);
        Assert.Equal(new AccountTypeDay(AccountType.FiatInFlight, 0m, new Movements(0m, 0m, 0m, 90m, -90m, 0m), 0m), Assert.Single(eur.Accounts));
    }

    /// <summary>The house accounts' rows these tests use: one shard, as the report sums shards by account type anyway.</summary>
    private const int Shard = 3;

    private static LedgerTransaction TopUp(string fiat, decimal amount) =>
        LedgerTransactions.FloatTopUp(fiat, amount, new Dictionary<int, decimal> { [Shard] = amount }, Shard);

    /// <summary>One of the ledger's flows for a customer; fees are a fixed share so every figure stays at 8 decimals.</summary>
    private static LedgerTransaction Flow(int kind, long customerId, decimal amount, int currency)
    {
        var crypto = new[] { "BTC", "USDT", "ETH" }[currency];
        var fiat = new FiatLeg(currency == 0 ? "EUR" : "USD", Math.Round(amount * 0.9m, 2) + 0.01m);
        return kind switch
        {
            0 => LedgerTransactions.Deposit(customerId, crypto, amount, Shard),
            1 => LedgerTransactions.Withdrawal(customerId, crypto, amount, Shard),
            2 => TopUp(fiat.Currency, fiat.Amount),
            3 => LedgerTransactions.PayoutSettle(crypto, amount, Fees(amount / 100, amount / 200), fiat, Shard),
            _ => LedgerTransactions.PayoutRefund(customerId, crypto, amount, Fees(0m, 0m), fiat, Shard),
        };
    }

    /// <summary>A payout's fees: ours (as the transaction fee) and the partner's.</summary>
    private static FeeBreakdown Fees(decimal house, decimal partner) => new(Transaction: house, Network: 0m, Additional: 0m, Partner: partner);

    /// <summary>What the report's two queries answer for these transactions, built into the report.</summary>
    private static IReadOnlyList<CurrencyDay> Build(params (int Day, LedgerTransaction Transaction)[] ledger)
    {
        var postings = ledger.SelectMany(t => t.Transaction.Entries.Select(e => (t.Day, t.Transaction.Kind, e.Account.Currency, e.Account.Type, e.Amount))).ToList();
        var balances = postings
            .Where(p => p.Day <= During)
            .GroupBy(p => (p.Currency, p.Type))
            .Select(g => new AccountTypeBalances(g.Key.Currency, g.Key.Type, g.Where(p => p.Day < During).Sum(p => p.Amount), g.Sum(p => p.Amount)));
        var movements = postings
            .Where(p => p.Day == During)
            .GroupBy(p => (p.Currency, p.Type, p.Kind))
            .Select(g => new AccountTypeMovement(g.Key.Currency, g.Key.Type, g.Key.Kind, g.Sum(p => p.Amount)));
        return DailyLedgerReport.Build(balances, movements);
    }

    private static (decimal, decimal, decimal, decimal, decimal, decimal, decimal, decimal) Figures(CurrencyDay c) =>
        (c.Deposits, c.Withdrawals, c.FloatTopUps, c.PayoutsDebited, c.Settled, c.Refunded, c.Fees, c.PartnerFees);
}
