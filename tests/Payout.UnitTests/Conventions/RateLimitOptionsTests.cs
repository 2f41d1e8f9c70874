using Microsoft.Extensions.Options;
using Payout.Api.Infrastructure.Http;
using Payout.UnitTests.Support;

namespace Payout.UnitTests.Conventions;

public sealed class RateLimitOptionsTests
{
    [Fact]
    public void Defaults_are_far_above_an_app_and_below_a_runaway_loop()
    {
        var limits = new RateLimitOptions();
        Assert.Empty(limits.Validate());
        Assert.Equal((600, 60), (limits.PerCustomerPerMinute, limits.TokenPerAddressPerMinute));
    }

    [Theory]
    [InlineData(nameof(RateLimitOptions.PerCustomerPerMinute), "0")]
    [InlineData(nameof(RateLimitOptions.TokenPerAddressPerMinute), "-5")]
    public void A_limit_that_is_not_positive_stops_the_start(string name, string value)
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
            OptionsBinding.Bind<RateLimitOptions>(RateLimitOptions.SectionName, new() { [$"RateLimits:{name}"] = value }));
        Assert.Contains(failure.Failures, f => f.Contains($"RateLimits:{name}", StringComparison.Ordinal));
    }

    [Fact]
    public void Limits_bind_from_configuration()
    {
        var limits = OptionsBinding.Bind<RateLimitOptions>(RateLimitOptions.SectionName, new() { ["RateLimits:PerCustomerPerMinute"] = "120" });
        Assert.Equal((120, 60), (limits.PerCustomerPerMinute, limits.TokenPerAddressPerMinute));
    }
}
