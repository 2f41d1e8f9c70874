namespace Payout.LoadTest.Seeding;

/// <summary>A database the seeder fills: bulk rows per table, plus the few statements around them.</summary>
internal interface ISeedTarget : IAsyncDisposable
{
    Task<bool> HasCustomersAsync(CancellationToken cancellationToken);

    /// <summary>The id the next row of <paramref name="table"/> may take (max + 1).</summary>
    Task<long> NextIdAsync(string table, CancellationToken cancellationToken);

    /// <summary>Creates the house accounts that are missing (like the service: insert, ignore a conflict) and answers every id by code.</summary>
    Task<Dictionary<string, long>> EnsureAccountsAsync(IReadOnlyList<(string Code, int Type, string Currency)> accounts, CancellationToken cancellationToken);

    /// <summary>A bulk writer for the columns given, in that order.</summary>
    Task<ITableWriter> OpenAsync(string table, IReadOnlyList<string> columns, CancellationToken cancellationToken);

    /// <summary>Ends every writer, adds the deltas to the accounts' balances, moves identity sequences past the ids used, refreshes statistics.</summary>
    Task FinishAsync(IReadOnlyDictionary<long, decimal> balanceDeltas, CancellationToken cancellationToken);

    /// <summary>Runs <paramref name="sql"/> (one text column) without a time limit and answers its rows.</summary>
    Task<List<string>> QueryAsync(string sql, CancellationToken cancellationToken);
}

/// <summary>Rows of one table, written value by value in the order of its columns.</summary>
internal interface ITableWriter
{
    void StartRow();

    void Int64(long value);

    void Int64(long? value);

    void Int32(int value);

    void Text(string? value);

    void Amount(decimal value);

    void Instant(DateTimeOffset value);

    void Instant(DateTimeOffset? value);

    void Bytes(byte[] value);

    void Uuid(Guid value);
}
