using System.Reflection;
using NetArchTest.Rules;
using Payout.Api.Domain.Money;

namespace Payout.UnitTests.Architecture;

/// <summary>
/// The dependency rule, by namespace (docs/decisions.md, "Where each rule lives"):
/// <list type="bullet">
/// <item><c>Domain</c> — every money and business rule — depends on nothing of ours outside it, and on no database,
/// web or HTTP framework: it is tested in memory and read on its own.</item>
/// <item><c>Infrastructure</c>, <c>Security</c> and <c>Configuration</c> serve the features and know none of them.</item>
/// <item>Features form a fixed order, and each uses only those before it: no two features depend on each other.
/// A feature that needs something from a later one declares an interface the later one implements
/// (<c>IKycLimitUsage</c>, <c>ICardEligibility</c>, <c>IOperatorSessions</c>). A new feature must take its place in <see cref="FeatureOrder"/>.</item>
/// </list>
/// </summary>
public sealed class DependencyRuleTests
{
    private const string Domain = "Payout.Api.Domain";
    private const string Features = "Payout.Api.Features";

    /// <summary>Lower first: a feature may use the features before it, never one after it.</summary>
    private static readonly string[] FeatureOrder = ["Audit", "Customers", "Auth", "Ledger", "Rates", "Cards", "Offers", "Payouts", "Reports", "Reconciliation", "Admin", "Events", "Console", "Demo"];

    /// <summary>The database, web and HTTP stacks.</summary>
    private static readonly string[] Frameworks =
        ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql", "Microsoft.Data.Sqlite", "System.Net.Http"];

    private static readonly Assembly Service = typeof(Currency).Assembly;

    private static Types Types => Types.InAssembly(Service);

    /// <summary>
    /// Every namespace of ours outside <paramref name="area"/>, and the composition types at the root (<c>ServiceSetup</c>, …)
    /// by full name: NetArchTest matches a name and everything below it, so the root namespace itself would match all.
    /// </summary>
    private static IEnumerable<string> OursOutside(string area) =>
        Service.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Payout.", StringComparison.Ordinal) == true && !t.Namespace.StartsWith(area, StringComparison.Ordinal))
            .Select(t => t.Namespace == "Payout.Api" ? t.FullName!.Split('+')[0] : t.Namespace!)
            .Concat(["Payout.Sandbox", "Payout.Client"])
            .Distinct();

    [Fact]
    public void The_domain_depends_on_nothing_of_ours_outside_it_and_on_no_framework()
    {
        var result = Types.That().ResideInNamespaceStartingWith(Domain)
            .ShouldNot().HaveDependencyOnAny([.. Frameworks, "Microsoft.Extensions", .. OursOutside(Domain)])
            .GetResult();

        Assert.True(result.IsSuccessful, "Domain types with forbidden dependencies: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Theory]
    [InlineData("Payout.Api.Infrastructure")]
    [InlineData("Payout.Api.Security")]
    [InlineData("Payout.Api.Configuration")]
    public void Shared_layers_know_no_feature(string layer)
    {
        var composition = Service.GetTypes().Where(t => t.Namespace == "Payout.Api").Select(t => t.FullName!.Split('+')[0]).Distinct();
        var result = Types.That().ResideInNamespaceStartingWith(layer)
            .ShouldNot().HaveDependencyOnAny([Features, .. composition])
            .GetResult();

        Assert.True(result.IsSuccessful, $"{layer} types that use a feature: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Card_cryptography_depends_on_no_framework()
    {
        var result = Types.That().ResideInNamespace("Payout.Api.Security")
            .ShouldNot().HaveDependencyOnAny(Frameworks)
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Every_feature_has_its_place_in_the_order()
    {
        var features = Service.GetTypes()
            .Select(t => t.Namespace)
            .Where(ns => ns?.StartsWith(Features + ".", StringComparison.Ordinal) == true)
            .Select(ns => ns![(Features.Length + 1)..].Split('.')[0])
            .Distinct();

        Assert.Empty(features.Except(FeatureOrder));
    }

    public static TheoryData<string> FeatureNames => [.. FeatureOrder];

    [Theory]
    [MemberData(nameof(FeatureNames))]
    public void A_feature_uses_no_feature_after_it(string feature)
    {
        var later = FeatureOrder.SkipWhile(f => f != feature).Skip(1).Select(f => $"{Features}.{f}").ToArray();
        if (later.Length == 0)
        {
            return;
        }

        var result = Types.That().ResideInNamespaceStartingWith($"{Features}.{feature}")
            .ShouldNot().HaveDependencyOnAny(later)
            .GetResult();

        Assert.True(result.IsSuccessful, $"{feature} uses a later feature: " + string.Join(", ", result.FailingTypeNames ?? []));
    }
}
