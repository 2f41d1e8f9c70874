using NetArchTest.Rules;
using Payout.Api.Features.Offers;

namespace Payout.UnitTests.Architecture;

/// <summary>The pricing, rate and limit rules are where a reviewer checks every cent: no database, no web.</summary>
public sealed class PricingRulesArePureTests
{
    private static readonly string[] PureRules =
    [
        "OfferPricing", "FeeLine", "PricedOffer", "FeeTypes", "FiatBounds", "CryptoBounds", "ExecutionChecks",
        "ExecutionFacts", "ExecutionReasons", "FeeOptions", "PayoutOptions", "PairBoundsOptions",
        "CustomerRates", "CustomerRate", "MarketRate", "RatesOptions", "KycLimits",
    ];

    [Fact]
    public void Pricing_rules_do_not_depend_on_ef_core_or_asp_net_core()
    {
        var result = Types.InAssembly(typeof(OfferPricing).Assembly)
            .That().HaveNameMatching($"^({string.Join('|', PureRules)})$")
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore")
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }

    [Fact]
    public void Every_named_rule_exists_so_the_check_above_is_not_vacuous()
    {
        var found = Types.InAssembly(typeof(OfferPricing).Assembly)
            .That().HaveNameMatching($"^({string.Join('|', PureRules)})$")
            .GetTypes()
            .Select(type => type.Name)
            .ToHashSet(StringComparer.Ordinal);

        Assert.All(PureRules, name => Assert.Contains(name, found));
    }
}
