namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// One compiled EF query per database provider. EF binds a compiled query to the model of the first context it
/// runs on, and a process may hold contexts of both providers (the tests do), so each provider gets its own.
/// </summary>
public sealed class CompiledPerProvider<TQuery>(Func<TQuery> compile)
    where TQuery : Delegate
{
    private readonly TQuery sqlite = compile();
    private readonly TQuery postgres = compile();

    public TQuery For(PayoutDbContext db) => db.Provider == DatabaseProvider.Postgres ? postgres : sqlite;
}
