using NetArchTest.Rules;
using Payout.Api.Domain.Money;

namespace Payout.UnitTests.Architecture;

/// <summary>
/// The money core and the rules where a reviewer checks every cent (pricing, limits, cards, card crypto)
/// stay free of the database and the web framework, so they are tested in memory and read on their own.
/// </summary>
public sealed class DependencyRuleTests
{
    private static readonly string[] Frameworks =
        ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql", "Microsoft.Data.Sqlite"];

    /// <summary>Pure rule types that live in feature folders beside their endpoints.</summary>
    private static readonly string[] PureRules =
    [
        "OfferPricing", "FeeLine", "PricedOffer", "FeeTypes", "FiatBounds", "CryptoBounds", "ExecutionChecks",
        "ExecutionFacts", "ExecutionReasons", "FeeOptions", "PayoutOptions", "PairBoundsOptions",
        "CustomerRates", "CustomerRate", "MarketRate", "RatesOptions", "KycLimits",
        "CardNumber", "CardRules", "CardValidation", "ValidCard", "CardError", "CardProblem", "CardBrand",
    ];

    private static Types Assembly => Types.InAssembly(typeof(Currency).Assembly);

    [Fact]
    public void The_core_depends_on_no_framework_and_no_feature()
    {
        var result = Assembly.That().ResideInNamespaceStartingWith("Payout.Api.Domain")
            .ShouldNot().HaveDependencyOnAny([.. Frameworks, "Payout.Api.Features", "Payout.Api.Infrastructure"])
            .GetResult();

        Assert.True(result.IsSuccessful, "Core types with forbidden dependencies: " + string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Card_cryptography_depends_on_no_framework()
    {
        var result = Assembly.That().ResideInNamespace("Payout.Api.Security")
            .ShouldNot().HaveDependencyOnAny(Frameworks)
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Rules_in_feature_folders_depend_on_no_framework()
    {
        var rules = Assembly.That().HaveNameMatching($"^({string.Join('|', PureRules)})$");
        Assert.Equal(PureRules.Order(), rules.GetTypes().Select(t => t.Name).Distinct().Order());

        var result = rules.ShouldNot().HaveDependencyOnAny(Frameworks).GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }
}
