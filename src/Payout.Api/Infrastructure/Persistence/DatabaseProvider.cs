namespace Payout.Api.Infrastructure.Persistence;

/// <summary>The databases PayOut runs on (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
