using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.UnitTests.Conventions;

public sealed class SdkVersionTests
{
    [Theory]
    [InlineData("payoutCard=1.2")]
    [InlineData("1.2")]
    [InlineData(" 1.2 ")]
    [InlineData("payoutCard=1.10")]
    [InlineData("2.0")]
    [InlineData("PAYOUTCARD=1.3")]
    public void Supported_versions_pass(string header) => Assert.Null(SdkVersion.Check(header));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1")]
    [InlineData("1.2.3")]
    [InlineData("otherSdk=1.2")]
    [InlineData("payoutCard=")]
    [InlineData("-1.2")]
    public void Missing_or_unparseable_is_sdk_version_required(string? header) =>
        Assert.Equal(ErrorCode.SDK_VERSION_REQUIRED, SdkVersion.Check(header)?.Code);

    [Theory]
    [InlineData("1.1")]
    [InlineData("payoutCard=1.0")]
    [InlineData("0.9")]
    public void Older_than_1_2_is_unsupported(string header)
    {
        var error = SdkVersion.Check(header);
        Assert.Equal(ErrorCode.SDK_VERSION_UNSUPPORTED, error?.Code);
        Assert.Equal("X-Sdk-Version", error?.Field);
    }
}
