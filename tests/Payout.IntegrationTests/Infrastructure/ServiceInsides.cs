using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Payout.Api;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// The one way a test reaches past HTTP (<see cref="PayoutApp.Inside"/>), for the three looks HTTP cannot give: the route
/// table (is every mapped route documented and attacked?), a row as stored (a key held mid-request, a column's form) —
/// or damaged on purpose — and the operator commands that have no route (<c>rotate-card-key</c>, <c>rotate-receipt-key</c>, …), run as an operator runs
/// them. Test files never touch the app's services otherwise (docs/decisions.md, "Tests go through HTTP").
/// </summary>
public sealed class ServiceInsides(IServiceProvider services, Action tampered)
{
    /// <summary>Every route endpoint the service maps.</summary>
    public IReadOnlyList<RouteEndpoint> Routes =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    /// <summary>A direct read of the database, for a check of stored rows the API does not show.</summary>
    public async Task<T> ReadDatabaseAsync<T>(Func<PayoutDbContext, Task<T>> read)
    {
        await using var scope = services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<PayoutDbContext>());
    }

    /// <summary>
    /// A change behind the service's back, for tests of what it does with damaged data (a tampered audit row, a broken
    /// ledger). The app's ledger is no longer checked after each test: it may be broken on purpose now.
    /// </summary>
    public async Task<T> TamperAsync<T>(Func<PayoutDbContext, Task<T>> change)
    {
        tampered();
        await using var scope = services.CreateAsyncScope();
        return await change(scope.ServiceProvider.GetRequiredService<PayoutDbContext>());
    }

    /// <summary>Runs an operator command (<c>dotnet run --project src/Payout.Api -- NAME</c>) against this installation.</summary>
    public async Task RunCommandAsync(string command)
    {
        Assert.True(Commands.IsCommand(command), $"{command} is not an operator command.");
        Assert.Equal(0, await Commands.RunAsync(command, services));
    }
}
