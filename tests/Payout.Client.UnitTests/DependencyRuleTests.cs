namespace Payout.Client.UnitTests;

/// <summary>The client ships to app developers on its own: the BCL and three Microsoft.Extensions packages, nothing else.</summary>
public sealed class DependencyRuleTests
{
    private static readonly string[] Allowed =
    [
        "Microsoft.Extensions.Http",
        "Microsoft.Extensions.DependencyInjection.Abstractions",
        "Microsoft.Extensions.Options",
    ];

    [Fact]
    public void Client_assembly_references_only_the_bcl_and_allowed_packages()
    {
        var references = typeof(PayoutClient).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Payout.", StringComparison.Ordinal));
        Assert.All(references, name => Assert.True(
            name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard" || Allowed.Contains(name),
            $"Payout.Client references {name}"));
    }
}
