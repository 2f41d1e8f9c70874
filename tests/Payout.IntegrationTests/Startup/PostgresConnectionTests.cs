using Microsoft.EntityFrameworkCore;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Startup;

[Collection(SharedAppCollection.Name)]
public sealed class PostgresConnectionTests(PayoutApp app)
{
    /// <summary>
    /// The planner's page cost reaches the service's own pooled connections, where the foreign keys' checks are planned:
    /// at PostgreSQL's default a small ledger table is scanned whole for each of them (docs/decisions.md).
    /// </summary>
    [Fact]
    public async Task On_postgres_the_service_plans_with_its_random_page_cost()
    {
        if (!app.Database.IsPostgres)
        {
            return;
        }

        Assert.Equal("1.1", await app.Inside.ReadDatabaseAsync(db => db.Database.SqlQueryRaw<string>("SELECT current_setting('random_page_cost') AS \"Value\"").SingleAsync()));
    }
}
