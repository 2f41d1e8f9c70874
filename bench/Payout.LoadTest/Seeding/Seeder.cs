using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Payout.Api.Domain;
using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Payouts;
using Payout.Api.Domain.Pricing;
using Payout.Api.Features.Customers;
using Payout.Api.Features.Payouts;

namespace Payout.LoadTest.Seeding;

/// <summary>
/// Fills a migrated database with customers and payout history by bulk insert, not through the API: each
/// customer with a card (encrypted with the installation's keys), USDT and BTC wallets funded by deposits, and
/// payouts over the last 90 days — mostly SUCCESS, some FAILED — each with its offer, outbox entry and the very
/// ledger transactions the service writes (built with its own <see cref="LedgerTransactions"/>), so the ledger
/// invariant holds: every currency sums to zero and every balance equals its postings.
/// </summary>
internal sealed class Seeder
{
    private const double FailedShare = 0.05;
    private const int HistoryDays = 90;
    private const decimal Spread = 0.02m;
    private const decimal TransactionFee = 0.035m;
    private const decimal FixFee = 2.5m;
    private const decimal MinAmountTo = 25m;
    private const decimal MaxAmountTo = 2500m;
    private const decimal UsdToEur = 0.92m;
    private const int CryptoScale = 8;

    /// <summary>
    /// The seeded history uses the first shard of every house account (payouts keep ledger_shard 0), as a database
    /// from before house shards would; the load test's float top-up then spreads the float over all shards.
    /// </summary>
    private const int SeededShard = 0;
    private const int FiatScale = 2;

    /// <summary>What each wallet keeps after its history, and what the float keeps after every seeded payout.</summary>
    private static readonly Dictionary<string, decimal> LeftInWallet = new(StringComparer.Ordinal) { ["USDT"] = 5_000m, ["BTC"] = 0.05m };
    private const decimal LeftInFloat = 100_000_000m;

    private static readonly string[] Cryptos = ["USDT", "BTC"];
    private static readonly string[] Fiats = ["EUR", "USD"];
    private static readonly string[] Cards = ["4111111111111111", "4012888888881881", "5555555555554444"];
    private static readonly KycLevel[] KycMix = [KycLevel.KYC_1, KycLevel.KYC_1, KycLevel.KYC_1, KycLevel.KYC_2, KycLevel.KYC_2, KycLevel.KYC_3];

    /// <summary>The configured default market rates (fiat per crypto), before the spread.</summary>
    private static readonly Dictionary<(string Crypto, string Fiat), decimal> Market = new()
    {
        [("USDT", "EUR")] = 0.92m,
        [("USDT", "USD")] = 1m,
        [("BTC", "EUR")] = 86_000m,
        [("BTC", "USD")] = 93_500m,
    };

    private readonly SeedOptions options;
    private readonly CardSealer sealer;
    private readonly string passwordHash;
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;
    private readonly Random random = new(20261201);
    private readonly Dictionary<long, decimal> houseDeltas = [];
    private readonly Dictionary<string, decimal> paidOutPerFiat = new(StringComparer.Ordinal);
    private Dictionary<(AccountType Type, string Currency), long> houseIds = [];
    private Tables tables = null!;
    private Ids next = null!;
    private long rows;

    private Seeder(SeedOptions options)
    {
        this.options = options;
        sealer = CardSealer.Load(options.KeysDirectory);
        // One hash for every seeded customer: they share the load test's password, and 100,000 PBKDF2 hashes would take an hour.
        passwordHash = new PasswordHasher<Customer>().HashPassword(null!, options.Password);
    }

    public static async Task<SeedSummary> SeedAsync(SeedOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using ISeedTarget target = options.Provider == "Postgres"
            ? new PostgresSeedTarget(options.ConnectionString)
            : await SqliteSeedTarget.OpenAsync(options.ConnectionString, cancellationToken);
        if (await target.HasCustomersAsync(cancellationToken))
        {
            throw new LoadTestException("seed: the database already has customers; seed a freshly migrated one");
        }

        var seeder = new Seeder(options);
        await seeder.PrepareAsync(target, cancellationToken);
        for (var n = 1; n <= options.Customers; n++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            seeder.WriteCustomer(n, PayoutsOf(n, options));
            if (n % 10_000 == 0)
            {
                await log.WriteLineAsync($"seed: {n:N0} customers, {seeder.rows:N0} rows, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }

        seeder.WriteFloatTopUps();
        await target.FinishAsync(seeder.houseDeltas, cancellationToken);
        var seconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
        var violations = await target.QueryAsync(LedgerViolationsSql, cancellationToken);
        return new SeedSummary(options.Customers, options.Payouts, seeder.rows, seconds, [.. violations.Take(10)]);
    }

    /// <summary>
    /// The service's ledger invariant in set-based SQL (one pass over the postings, not one per account), so it
    /// also answers on a database of this size: every currency sums to zero, every balance equals its postings,
    /// no wallet or float below zero.
    /// </summary>
    private static readonly string LedgerViolationsSql =
        $"""
        SELECT 'postings in ' || currency || ' do not sum to 0' FROM ledger_postings GROUP BY currency HAVING sum(amount) <> 0
        UNION ALL
        SELECT 'account ' || a.code || ' has a balance other than its postings'
        FROM ledger_accounts a LEFT JOIN (SELECT account_id, sum(amount) AS posted FROM ledger_postings GROUP BY account_id) p ON p.account_id = a.id
        WHERE a.balance <> coalesce(p.posted, 0)
        UNION ALL
        SELECT 'account ' || code || ' is below zero' FROM ledger_accounts
        WHERE type IN ({(int)AccountType.CustomerWallet}, {(int)AccountType.NetworkFloat}) AND balance < 0
        """;

    /// <summary>The payouts spread evenly: every customer gets the average, the first ones one more for the remainder.</summary>
    private static int PayoutsOf(int n, SeedOptions options) =>
        options.Payouts / options.Customers + (n <= options.Payouts % options.Customers ? 1 : 0);

    private async Task PrepareAsync(ISeedTarget target, CancellationToken cancellationToken)
    {
        var houses = Cryptos.SelectMany(c => new[] { AccountType.Deposits, AccountType.PayoutsInFlight, AccountType.SettledPayouts, AccountType.FeeRevenue }
                .Select(t => AccountKey.House(t, c)))
            .Concat(Fiats.SelectMany(f => new[] { AccountType.Deposits, AccountType.NetworkFloat, AccountType.FiatInFlight, AccountType.FiatPaidOut }
                .Select(t => AccountKey.House(t, f))))
            .ToList();
        var ids = await target.EnsureAccountsAsync([.. houses.Select(h => (h.Code, (int)h.Type, h.Currency))], cancellationToken);
        houseIds = houses.ToDictionary(h => (h.Type, h.Currency), h => ids[h.Code]);
        next = await Ids.ReadAsync(target, cancellationToken);
        tables = await Tables.OpenAsync(target, cancellationToken);
    }

    private void WriteCustomer(int n, int payoutCount)
    {
        var customerId = next.Customer++;
        var joined = now - TimeSpan.FromDays(HistoryDays + 1 + random.Next(90)) - TimeSpan.FromSeconds(random.Next(86_400));
        Row(tables.Customers);
        tables.Customers.Int64(customerId);
        tables.Customers.Uuid(options.MerchantId);
        tables.Customers.Text(LoadSetup.Phone(n));
        tables.Customers.Text(passwordHash);
        tables.Customers.Text(KycMix[n % KycMix.Length].ToString());
        tables.Customers.Int32(0);
        tables.Customers.Instant(joined);
        tables.Customers.Instant(joined);

        var card = WriteCard(customerId, n, joined + TimeSpan.FromHours(1));
        var payouts = Enumerable.Range(0, payoutCount).Select(_ => NewPayout(customerId, card)).OrderBy(p => p.CreatedAt).ToList();
        var wallets = Cryptos.ToDictionary(c => c, _ => next.Account++, StringComparer.Ordinal);
        foreach (var crypto in Cryptos)
        {
            // The deposit covers what the history paid out, plus what the wallet keeps.
            var spent = payouts.Where(p => p.Succeeded && p.Crypto == crypto).Sum(p => p.TotalDebited);
            var deposit = spent + LeftInWallet[crypto];
            WriteAccount(wallets[crypto], AccountKey.Wallet(customerId, crypto), deposit - spent);
            var transaction = WriteTransaction(LedgerTransactions.Deposit(customerId, crypto, deposit, SeededShard), joined + TimeSpan.FromDays(1), wallets);
            Row(tables.Transfers);
            tables.Transfers.Int64(next.Transfer++);
            tables.Transfers.Int64(customerId);
            tables.Transfers.Text(crypto);
            tables.Transfers.Amount(deposit);
            tables.Transfers.Text($"seed:{customerId}:{crypto}");
            tables.Transfers.Int64(transaction);
            tables.Transfers.Instant(joined + TimeSpan.FromDays(1));
        }

        foreach (var payout in payouts)
        {
            WritePayout(payout, wallets);
        }
    }

    private (long Id, string MaskedPan) WriteCard(long customerId, int n, DateTimeOffset created)
    {
        var sealedCard = sealer.Seal(Cards[n % Cards.Length]);
        var cardId = next.Card++;
        var cards = tables.Cards;
        Row(cards);
        cards.Int64(cardId);
        cards.Int64(customerId);
        cards.Text(sealedCard.Brand);
        cards.Text(sealedCard.MaskedPan);
        cards.Text(sealedCard.Fingerprint);
        cards.Text(sealedCard.KeyId);
        cards.Bytes(sealedCard.Ciphertext);
        cards.Text($"Seed Customer {n}");
        cards.Int32(now.Year + 3);
        cards.Int32(1 + n % 12);
        cards.Text(nameof(CardValidationStatus.APPROVED));
        cards.Text($"{1 + n % 200} High Street");
        cards.Text("London");
        cards.Text("GB");
        cards.Text("SW1A 1AA");
        cards.Text(null);
        cards.Instant(created);
        cards.Instant(created);
        cards.Instant(null);
        return (cardId, sealedCard.MaskedPan);
    }

    /// <summary>One historical payout, priced like the service's defaults (spread, fees, bounds, named roundings).</summary>
    private HistoricalPayout NewPayout(long customerId, (long Id, string MaskedPan) card)
    {
        var crypto = random.NextDouble() < 0.75 ? "USDT" : "BTC";
        var fiat = random.NextDouble() < 0.8 ? "EUR" : "USD";
        var rate = Rounding.Down(Market[(crypto, fiat)] * (1 - Spread), CryptoScale);
        var wanted = MinAmountTo + Rounding.Down((decimal)random.NextDouble() * 375m, FiatScale);
        var amount = Rounding.Up(wanted / rate, CryptoScale);
        var amountTo = Rounding.Down(amount * rate, FiatScale);
        var fee = Rounding.Up(((amount * TransactionFee * rate) + FixFee) / rate, CryptoScale);
        var created = now - TimeSpan.FromDays(HistoryDays) + TimeSpan.FromSeconds(random.NextDouble() * (HistoryDays * 86_400 - 600));
        return new HistoricalPayout(
            customerId, card.Id, card.MaskedPan, crypto, fiat, rate, amount, amountTo,
            fiat == "EUR" ? amountTo : Rounding.Up(amountTo * UsdToEur, FiatScale),
            fee, Rounding.Up(MinAmountTo / rate, CryptoScale), Rounding.Down(MaxAmountTo / rate, CryptoScale),
            random.NextDouble() >= FailedShare, created);
    }

    private void WritePayout(HistoricalPayout p, Dictionary<string, long> wallets)
    {
        var offerId = next.Offer++;
        var operationId = next.Operation++;
        var settled = p.CreatedAt + TimeSpan.FromSeconds(1);

        var offers = tables.Offers;
        Row(offers);
        offers.Int64(offerId);
        offers.Int64(p.CustomerId);
        offers.Int64(p.CardId);
        offers.Amount(p.Amount);
        offers.Text(p.Crypto);
        offers.Text(p.Fiat);
        offers.Amount(p.Rate);
        offers.Amount(p.AmountTo);
        offers.Amount(p.AmountToEur);
        offers.Amount(p.Fee);
        offers.Amount(0m);
        offers.Amount(0m);
        offers.Amount(0m);
        offers.Amount(p.MinAmountFrom);
        offers.Amount(p.MaxAmountFrom);
        offers.Instant(p.CreatedAt + TimeSpan.FromSeconds(15));
        offers.Instant(p.CreatedAt - TimeSpan.FromSeconds(5));
        offers.Instant(p.CreatedAt);
        offers.Int64(operationId);

        var operations = tables.Operations;
        Row(operations);
        operations.Int64(operationId);
        operations.Int64(offerId);
        operations.Int64(p.CustomerId);
        operations.Int64(p.CardId);
        operations.Text((p.Succeeded ? PayoutStatus.SUCCESS : PayoutStatus.FAILED).ToString());
        operations.Amount(p.Amount);
        operations.Text(p.Crypto);
        operations.Amount(p.AmountTo);
        operations.Text(p.Fiat);
        operations.Amount(p.Rate);
        operations.Amount(p.Fee);
        operations.Amount(0m);
        operations.Amount(p.TotalDebited);
        operations.Amount(p.AmountToEur);
        operations.Text(p.MaskedPan);
        operations.Text(p.Succeeded ? null : "DECLINED");
        operations.Instant(p.CreatedAt);
        operations.Instant(settled);

        var outbox = tables.Outbox;
        Row(outbox);
        outbox.Int64(operationId);
        outbox.Text(nameof(DispatchState.Done));
        outbox.Instant(p.CreatedAt + TimeSpan.FromSeconds(3));
        outbox.Int32(1);
        outbox.Instant(null);
        outbox.Text(null);
        outbox.Text(null);
        outbox.Instant(settled);

        var fiat = new FiatLeg(p.Fiat, p.AmountTo);
        var fees = new FeeBreakdown(Transaction: p.Fee, Network: 0m, Additional: 0m, Partner: 0m);
        WriteTransaction(LedgerTransactions.PayoutDebit(p.CustomerId, p.Crypto, p.Amount, fees, fiat, SeededShard), p.CreatedAt, wallets, operationId);
        WriteTransaction(
            p.Succeeded
                ? LedgerTransactions.PayoutSettle(p.Crypto, p.Amount, fees, fiat, SeededShard)
                : LedgerTransactions.PayoutRefund(p.CustomerId, p.Crypto, p.Amount, fees, fiat, SeededShard),
            settled, wallets, operationId);
        if (p.Succeeded)
        {
            paidOutPerFiat[p.Fiat] = paidOutPerFiat.GetValueOrDefault(p.Fiat) + p.AmountTo;
        }
    }

    /// <summary>Our float at the network: what the seeded payouts paid out, plus what is left for the load test.</summary>
    private void WriteFloatTopUps()
    {
        foreach (var fiat in Fiats)
        {
            var amount = paidOutPerFiat.GetValueOrDefault(fiat) + LeftInFloat;
            var at = now - TimeSpan.FromDays(HistoryDays + 1);
            var transaction = WriteTransaction(LedgerTransactions.FloatTopUp(fiat, amount, new Dictionary<int, decimal> { [SeededShard] = amount }, SeededShard), at, []);
            Row(tables.Transfers);
            tables.Transfers.Int64(next.Transfer++);
            tables.Transfers.Int64(null);
            tables.Transfers.Text(fiat);
            tables.Transfers.Amount(amount);
            tables.Transfers.Text($"seed:float:{fiat}:{now.UtcTicks}");
            tables.Transfers.Int64(transaction);
            tables.Transfers.Instant(at);
        }
    }

    /// <summary>
    /// The transaction's header and postings; house accounts' balances are summed and set at the end. A payout's
    /// debit, settlement and refund carry its id, as the service links them for the payout's timeline.
    /// </summary>
    private long WriteTransaction(LedgerTransaction movement, DateTimeOffset at, Dictionary<string, long> wallets, long? payoutOperationId = null)
    {
        var transactionId = next.Transaction++;
        Row(tables.Transactions);
        tables.Transactions.Int64(transactionId);
        tables.Transactions.Text(movement.Kind);
        tables.Transactions.Int64(payoutOperationId);
        tables.Transactions.Instant(at);
        foreach (var entry in movement.Entries)
        {
            var accountId = entry.Account.CustomerId is null ? houseIds[(entry.Account.Type, entry.Account.Currency)] : wallets[entry.Account.Currency];
            if (entry.Account.CustomerId is null)
            {
                houseDeltas[accountId] = houseDeltas.GetValueOrDefault(accountId) + entry.Amount;
            }

            var postings = tables.Postings;
            Row(postings);
            postings.Int64(next.Posting++);
            postings.Int64(transactionId);
            postings.Int64(accountId);
            postings.Text(entry.Account.Currency);
            postings.Amount(entry.Amount);
            postings.Instant(at);
        }

        return transactionId;
    }

    private void WriteAccount(long id, AccountKey key, decimal balance)
    {
        Row(tables.Accounts);
        tables.Accounts.Int64(id);
        tables.Accounts.Text(key.Code);
        tables.Accounts.Int32((int)key.Type);
        tables.Accounts.Text(key.Currency);
        tables.Accounts.Int64(key.CustomerId);
        tables.Accounts.Amount(balance);
    }

    private void Row(ITableWriter table)
    {
        table.StartRow();
        rows++;
    }

    private sealed record HistoricalPayout(
        long CustomerId, long CardId, string MaskedPan, string Crypto, string Fiat, decimal Rate, decimal Amount, decimal AmountTo,
        decimal AmountToEur, decimal Fee, decimal MinAmountFrom, decimal MaxAmountFrom, bool Succeeded, DateTimeOffset CreatedAt)
    {
        public decimal TotalDebited => Amount + Fee;
    }

    /// <summary>The next free id of every table with an identity column.</summary>
    private sealed class Ids
    {
        public long Customer { get; set; }

        public long Card { get; set; }

        public long Account { get; set; }

        public long Transaction { get; set; }

        public long Posting { get; set; }

        public long Transfer { get; set; }

        public long Offer { get; set; }

        public long Operation { get; set; }

        public static async Task<Ids> ReadAsync(ISeedTarget target, CancellationToken cancellationToken) => new()
        {
            Customer = await target.NextIdAsync("customers", cancellationToken),
            Card = await target.NextIdAsync("cards", cancellationToken),
            Account = await target.NextIdAsync("ledger_accounts", cancellationToken),
            Transaction = await target.NextIdAsync("ledger_transactions", cancellationToken),
            Posting = await target.NextIdAsync("ledger_postings", cancellationToken),
            Transfer = await target.NextIdAsync("external_transfers", cancellationToken),
            Offer = await target.NextIdAsync("offers", cancellationToken),
            Operation = await target.NextIdAsync("payout_operations", cancellationToken),
        };
    }

    /// <summary>
    /// One bulk writer per table, with its columns in the order the seeder writes them (the service's schema,
    /// src/Payout.Api/…/Migrations: snake_case names, the same on both providers).
    /// </summary>
    private sealed record Tables(
        ITableWriter Customers, ITableWriter Cards, ITableWriter Accounts, ITableWriter Transactions, ITableWriter Postings,
        ITableWriter Transfers, ITableWriter Offers, ITableWriter Operations, ITableWriter Outbox)
    {
        public static async Task<Tables> OpenAsync(ISeedTarget target, CancellationToken cancellationToken) => new(
            await target.OpenAsync("customers",
                ["id", "merchant_id", "phone", "password_hash", "kyc_level", "token_generation", "created_at", "updated_at"], cancellationToken),
            await target.OpenAsync("cards",
                ["id", "customer_id", "brand", "masked_pan", "fingerprint", "encryption_key_id", "encrypted_number", "holder_name",
                 "expiry_year", "expiry_month", "validation_status", "billing_address_address", "billing_address_city",
                 "billing_address_country_code", "billing_address_zip", "billing_address_state", "created_at", "updated_at", "deleted_at"], cancellationToken),
            await target.OpenAsync("ledger_accounts", ["id", "code", "type", "currency", "customer_id", "balance"], cancellationToken),
            await target.OpenAsync("ledger_transactions", ["id", "kind", "payout_operation_id", "created_at"], cancellationToken),
            await target.OpenAsync("ledger_postings", ["id", "transaction_id", "account_id", "currency", "amount", "created_at"], cancellationToken),
            await target.OpenAsync("external_transfers",
                ["id", "customer_id", "currency", "amount", "reference", "ledger_transaction_id", "created_at"], cancellationToken),
            await target.OpenAsync("offers",
                ["id", "customer_id", "card_id", "amount", "currency_from", "currency_to", "rate", "amount_to", "amount_to_eur",
                 "transaction_fee", "network_fee", "additional_fee", "partner_fee", "min_amount_from", "max_amount_from",
                 "expires_at", "created_at", "updated_at", "operation_id"], cancellationToken),
            await target.OpenAsync("payout_operations",
                ["id", "offer_id", "customer_id", "card_id", "status", "amount_from", "currency_from", "amount_to", "currency_to",
                 "rate", "fee", "partner_fee", "total_debited", "amount_to_eur", "masked_pan", "failure_reason", "created_at", "updated_at"], cancellationToken),
            await target.OpenAsync("payout_outbox",
                ["operation_id", "state", "due_at", "attempts", "lease_until", "lease_owner", "last_error", "updated_at"], cancellationToken));
    }
}
