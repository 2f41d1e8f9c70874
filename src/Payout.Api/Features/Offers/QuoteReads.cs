using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Limits;
using Payout.Api.Features.Cards;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Offers;

/// <summary>
/// What a quote reads of one customer, each as one command (one round trip, no EF query pipeline) instead of an EF
/// query per fact: for <c>GET /v4/payout/data</c> the KYC limit used in the window, the wallets and the active cards;
/// for an offer's answer its wallet, the limit used and the float it would pay from; for the operators' view the limit used.
/// The predicates are those of <see cref="KycLimits"/>, <c>LedgerReader</c> (wallets, house balances) and
/// <c>CardStore.ListActiveAsync</c>; values are read as each provider stores them (SQLite: amounts in 10^-8 units,
/// instants in UTC ticks; PostgreSQL: numeric and timestamptz), as the model's converters do.
/// </summary>
public sealed class QuoteReads(PayoutDbContext db, SqliteReadConnections? sqliteReads = null)
{
    /// <summary>The limit's parameters, in the order <see cref="AddLimitParameters(NpgsqlParameterCollection, DateTimeOffset)"/> adds them (first: the statements below use it).</summary>
    private static readonly string[] LimitParameters = ["@since", "@notCounted", "@firstDay", "@secondDayStart"];

    private static readonly string DataSql = UsedLimitSql("@customer", LimitParameters) + """
        ;
        SELECT currency, balance FROM ledger_accounts WHERE customer_id = @customer AND type = @wallet;
        SELECT id, brand, masked_pan, validation_status, expiry_year, expiry_month FROM cards
        WHERE customer_id = @customer AND deleted_at IS NULL ORDER BY id;
        """;

    private static readonly string UsedLimitOnlySql = UsedLimitSql("@customer", LimitParameters);

    private static readonly string OfferSql = $"""
        SELECT
            (SELECT balance FROM ledger_accounts WHERE code = @walletCode),
            ({UsedLimitSql("@customer", LimitParameters)}),
            ({FloatAvailableSql("@float", "@fiat")})
        """;

    /// <summary>
    /// The same statements for PostgreSQL with positional parameters (<c>$1</c> …), sent as one <see cref="NpgsqlBatch"/>: with named
    /// parameters Npgsql parses every command's text to rewrite them and to split it into statements, on every request.
    /// </summary>
    private static readonly string[] DataPostgres = PositionalStatements(DataSql, ["@customer", .. LimitParameters], ["@customer", "@wallet"], ["@customer"]);

    private static readonly string OfferPostgres = Positional(OfferSql, ["@customer", .. LimitParameters, "@walletCode", "@float", "@fiat"]);

    /// <summary>
    /// The KYC limit used in the window, in SQL, the one text every SQL read of it uses: the payouts since the window's start
    /// but not <see cref="KycLimits.NotCounted"/>, summed as the whole days after the window's first day (<c>kyc_limit_days</c>,
    /// a row a day) plus the first day's own payouts from the start on (one day's rows on the (customer_id, created_at)
    /// index): its cost does not grow with the customer's history.
    /// </summary>
    /// <param name="customer">The customer: a parameter, or an outer query's column.</param>
    /// <param name="parameters">
    /// The window's start, the status that does not count, the window's first day (<see cref="KycLimits.DayOf"/>) and where the
    /// second starts: parameters, added by <see cref="AddLimitParameters(NpgsqlParameterCollection, DateTimeOffset)"/> (positional) or <see cref="AddLimitParametersByName"/>.
    /// </param>
    internal static string UsedLimitSql(string customer, string[] parameters) => parameters is [var since, var notCounted, var firstDay, var secondDayStart]
        ? $"""
            SELECT COALESCE((SELECT SUM(used_eur) FROM kyc_limit_days WHERE customer_id = {customer} AND epoch_day > {firstDay}), 0)
                + COALESCE((SELECT SUM(amount_to_eur) FROM payout_operations
                    WHERE customer_id = {customer} AND created_at >= {since} AND created_at < {secondDayStart} AND status <> {notCounted}), 0)
            """
        : throw new ArgumentException("The limit's SQL takes four parameters.", nameof(parameters));

    /// <summary>Fiat at the payout network not yet promised to a payout: every shard of the float of a currency, in SQL.</summary>
    /// <param name="floatType">The float's account type, a parameter.</param>
    /// <param name="fiat">The currency: a parameter, or an outer query's column.</param>
    internal static string FloatAvailableSql(string floatType, string fiat) =>
        $"SELECT COALESCE(SUM(balance), 0) FROM ledger_accounts WHERE customer_id IS NULL AND type = {floatType} AND currency = {fiat}";

    public sealed record DataFacts(decimal UsedLimitEur, Dictionary<string, decimal> Balances, IReadOnlyList<ListedCard> Cards);

    /// <param name="Balance">The wallet the offer debits (0 when it was never used).</param>
    /// <param name="FloatAvailable">Fiat at the payout network not yet promised to a payout (all shards).</param>
    public sealed record OfferFacts(decimal Balance, decimal UsedLimitEur, decimal FloatAvailable);

    /// <summary>A card of the customer's list, with only what <c>/data</c> shows and decides with.</summary>
    public sealed record ListedCard(long Id, CardBrand Brand, string MaskedPan, CardValidationStatus ValidationStatus, int ExpiryYear, int ExpiryMonth)
    {
        public string CardType => Card.TypeOf(Brand);

        public CardStanding Standing => new(ValidationStatus, ExpiryYear, ExpiryMonth, IsDeleted: false);
    }

    /// <param name="since">Where the KYC limit's window starts.</param>
    public async Task<DataFacts> DataAsync(long customerId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (Sqlite)
        {
            return await ReadAsync(
                DataSql, customerId, since, command => Add(command, "@wallet", (int)AccountType.CustomerWallet), ReadDataFactsAsync, cancellationToken);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = PostgresBatch(DataPostgres, customerId, since);
            batch.BatchCommands[1].Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)AccountType.CustomerWallet });
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            return await ReadDataFactsAsync(reader, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>What the customer's payouts since <paramref name="since"/> hold of the KYC limit, in EUR (the operators' view).</summary>
    public Task<decimal> UsedLimitAsync(long customerId, DateTimeOffset since, CancellationToken cancellationToken) =>
        ReadAsync(UsedLimitOnlySql, customerId, since, _ => { }, async (reader, token) =>
        {
            await reader.ReadAsync(token);
            return Amount(reader, 0, Sqlite);
        }, cancellationToken);

    /// <param name="since">Where the KYC limit's window starts.</param>
    public async Task<OfferFacts> OfferAsync(long customerId, string currencyFrom, string fiat, DateTimeOffset since, CancellationToken cancellationToken) =>
        (await InsertThenReadOfferAsync(null, customerId, currencyFrom, fiat, since, cancellationToken)).Facts;

    /// <summary>
    /// A new offer's transaction commits without waiting for the disk (<c>synchronous_commit</c> off for it alone): an offer is
    /// a quote, not money. A crash can lose the offers of the last moments before it (PostgreSQL writes them out within a
    /// few hundred milliseconds), whose execute then answers OFFER_NOT_FOUND and the customer quotes again; it cannot lose
    /// one a payout was made from, since the payout's own commit waits for the log up to it, offer included.
    /// </summary>
    private const string QuoteCommitsWithoutWaitingSql = "SELECT set_config('synchronous_commit', 'off', true)";

    /// <summary>
    /// <paramref name="insert"/> (a new offer's <c>INSERT … RETURNING id</c>, outside any transaction), then the offer's facts as
    /// <see cref="OfferAsync"/> reads them. On PostgreSQL both travel in one batch, one round trip (one implicit transaction:
    /// the offer is stored only if the read succeeds too); on SQLite (in-process) the insert goes first through EF, for the
    /// write gate.
    /// </summary>
    /// <returns>The new offer's id (0 without an insert) and the facts.</returns>
    public async Task<(long Id, OfferFacts Facts)> InsertThenReadOfferAsync(
        SqlStatement? insert, long customerId, string currencyFrom, string fiat, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var walletCode = AccountKey.Wallet(customerId, currencyFrom).Code;
        if (Sqlite)
        {
            var id = insert is null ? 0 : await SqlBatch.InsertReturningIdAsync(db, insert, cancellationToken);
            var facts = await ReadAsync(OfferSql, customerId, since, command =>
            {
                Add(command, "@walletCode", walletCode);
                Add(command, "@float", (int)AccountType.NetworkFloat);
                Add(command, "@fiat", fiat);
            }, ReadOfferFactsAsync, cancellationToken);
            return (id, facts);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = PostgresBatch([OfferPostgres], customerId, since);
            var parameters = batch.BatchCommands[0].Parameters;
            parameters.Add(new NpgsqlParameter<string> { TypedValue = walletCode });
            parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)AccountType.NetworkFloat });
            parameters.Add(new NpgsqlParameter<string> { TypedValue = fiat });
            if (insert is not null)
            {
                // The setting lasts to the end of the enclosing transaction: inside a caller's, it would reach its commit too.
                if (db.Database.CurrentTransaction is not null)
                {
                    throw new InvalidOperationException("A new offer is stored in a transaction of its own.");
                }

                batch.BatchCommands.Insert(0, new NpgsqlBatchCommand(QuoteCommitsWithoutWaitingSql));
                batch.BatchCommands.Insert(1, SqlBatch.PostgresCommand(insert));
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            long id = 0;
            if (insert is not null)
            {
                await reader.NextResultAsync(cancellationToken);
                id = await reader.ReadAsync(cancellationToken) ? reader.GetInt64(0) : throw new InvalidOperationException("The offer's insert answered no id.");
                await reader.NextResultAsync(cancellationToken);
            }

            return (id, await ReadOfferFactsAsync(reader, cancellationToken));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// One read of <paramref name="sql"/> with the limit's parameters and <paramref name="addParameters"/>'s, by name. On
    /// SQLite outside a transaction on a kept connection with the statements already prepared
    /// (<see cref="SqliteReadConnections"/>); otherwise on the context's connection, in its transaction when there is one
    /// (SQLite's execute reads under its write lock). PostgreSQL's hot reads use positional batches instead.
    /// </summary>
    private async Task<T> ReadAsync<T>(
        string sql, long customerId, DateTimeOffset since, Action<DbCommand> addParameters,
        Func<DbDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        if (sqliteReads is not null && db.Database.CurrentTransaction is null)
        {
            return await sqliteReads.ReadAsync(sql, command =>
            {
                AddLimitParametersByName(command, customerId, since);
                addParameters(command);
            }, read, cancellationToken);
        }

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            AddLimitParametersByName(command, customerId, since);
            addParameters(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await read(reader, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<DataFacts> ReadDataFactsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken);
        var used = Amount(reader, 0, Sqlite);
        await reader.NextResultAsync(cancellationToken);
        var balances = new Dictionary<string, decimal>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            balances.Add(reader.GetString(0), Amount(reader, 1, Sqlite));
        }

        await reader.NextResultAsync(cancellationToken);
        var cards = new List<ListedCard>();
        while (await reader.ReadAsync(cancellationToken))
        {
            cards.Add(new ListedCard(
                reader.GetInt64(0), Enum.Parse<CardBrand>(reader.GetString(1)), reader.GetString(2),
                Enum.Parse<CardValidationStatus>(reader.GetString(3)), reader.GetInt32(4), reader.GetInt32(5)));
        }

        return new DataFacts(used, balances, cards);
    }

    private async Task<OfferFacts> ReadOfferFactsAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadAsync(cancellationToken);
        var balance = reader.IsDBNull(0) ? 0m : Amount(reader, 0, Sqlite);
        return new OfferFacts(balance, Amount(reader, 1, Sqlite), Amount(reader, 2, Sqlite));
    }

    private bool Sqlite => db.Provider == DatabaseProvider.Sqlite;

    /// <summary>The customer and the limit's parameters (<see cref="UsedLimitSql"/>), by name, as each provider stores the values.</summary>
    private void AddLimitParametersByName(DbCommand command, long customerId, DateTimeOffset since)
    {
        var firstDay = KycLimits.DayOf(since);
        var secondDayStart = KycLimits.StartOfDay(firstDay + 1);
        Add(command, "@customer", customerId);
        Add(command, "@since", Sqlite ? since.UtcTicks : since.ToUniversalTime());
        Add(command, "@notCounted", KycLimits.NotCounted.ToString());
        Add(command, "@firstDay", firstDay);
        Add(command, "@secondDayStart", Sqlite ? secondDayStart.UtcTicks : secondDayStart);
    }

    /// <summary>A batch of <paramref name="statements"/> on the context's connection; the first carries the limit's parameters.</summary>
    private NpgsqlBatch PostgresBatch(string[] statements, long customerId, DateTimeOffset since)
    {
        var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        foreach (var statement in statements)
        {
            var command = new NpgsqlBatchCommand(statement);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = customerId });
            batch.BatchCommands.Add(command);
        }

        AddLimitParameters(batch.BatchCommands[0].Parameters, since);
        return batch;
    }

    /// <summary>The limit's four parameters (<see cref="UsedLimitSql"/>) for a window starting at <paramref name="since"/>, as the next positional ones.</summary>
    internal static void AddLimitParameters(NpgsqlParameterCollection parameters, DateTimeOffset since)
    {
        var firstDay = KycLimits.DayOf(since);
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since.ToUniversalTime() });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = KycLimits.NotCounted.ToString() });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = firstDay });
        parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = KycLimits.StartOfDay(firstDay + 1) });
    }

    /// <summary>The statements of <paramref name="sql"/>, each numbering its own parameters (a batch's commands have their own).</summary>
    private static string[] PositionalStatements(string sql, params string[][] names)
    {
        var statements = sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return statements.Length == names.Length
            ? [.. statements.Select((statement, i) => Positional(statement, names[i]))]
            : throw new InvalidOperationException("Each statement needs its parameters' names.");
    }

    /// <summary><paramref name="sql"/> with each of <paramref name="names"/> replaced by its position (<c>$1</c> for the first).</summary>
    private static string Positional(string sql, string[] names)
    {
        for (var i = 0; i < names.Length; i++)
        {
            sql = sql.Replace(names[i], "$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return sql;
    }

    private static decimal Amount(DbDataReader reader, int ordinal, bool sqlite) =>
        sqlite ? DecimalUnitsConverter.FromUnits(reader.GetInt64(ordinal)) : reader.GetDecimal(ordinal);

    /// <param name="name">As the SQL writes it, "@" included: Microsoft.Data.Sqlite binds that at once, where a bare name
    /// made it try each prefix (a string per prefix, per parameter, per statement); Npgsql takes either.</param>
    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
