using Npgsql;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.UnitTests.Persistence;

public sealed class PostgresConnectionStringTests
{
    private const string Given = "Host=db;Username=payout;Password=secret;Database=payout";

    [Fact]
    public void A_plain_connection_string_gets_every_default()
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString(Given, maxPoolSize: 50));

        Assert.True(built.NoResetOnClose);
        Assert.Equal(100, built.MaxAutoPrepare);
        Assert.False(built.Multiplexing);
        Assert.Equal(50, built.MaxPoolSize);
    }

    [Fact]
    public void What_the_operator_sets_is_kept()
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseSetup.PostgresConnectionString(
            Given + ";No Reset On Close=false;Max Auto Prepare=0;Multiplexing=true", maxPoolSize: 50));

        Assert.False(built.NoResetOnClose);
        Assert.Equal(0, built.MaxAutoPrepare);
        Assert.True(built.Multiplexing);
    }
}
