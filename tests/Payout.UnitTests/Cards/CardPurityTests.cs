using NetArchTest.Rules;
using Payout.Api.Features.Cards;

namespace Payout.UnitTests.Cards;

/// <summary>The card rules and card cryptography stay pure: no database, no web framework, so they test in memory.</summary>
public sealed class CardPurityTests
{
    [Theory]
    [InlineData("Payout.Api.Features.Cards")]
    [InlineData("Payout.Api.Security")]
    public void Card_rules_and_crypto_depend_on_neither_ef_core_nor_asp_net_core(string ns)
    {
        var types = Types.InAssembly(typeof(CardRules).Assembly).That().ResideInNamespace(ns);
        Assert.NotEmpty(types.GetTypes());

        var result = types
            .ShouldNot().HaveDependencyOnAny("Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore")
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }
}
