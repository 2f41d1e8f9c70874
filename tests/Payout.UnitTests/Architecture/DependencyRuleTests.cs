using NetArchTest.Rules;
using Payout.Api.Domain.Money;

namespace Payout.UnitTests.Architecture;

/// <summary>The money and ledger core is where a reviewer checks every cent: it must stay free of I/O.</summary>
public sealed class DependencyRuleTests
{
    [Fact]
    public void The_core_depends_on_neither_ef_core_nor_asp_net_core()
    {
        var result = Types.InAssembly(typeof(Currency).Assembly)
            .That().ResideInNamespaceStartingWith("Payout.Api.Domain")
            .ShouldNot().HaveDependencyOnAny(
                "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql", "Microsoft.Data.Sqlite",
                "Payout.Api.Features", "Payout.Api.Infrastructure")
            .GetResult();

        Assert.True(result.IsSuccessful, "Core types with forbidden dependencies: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
