namespace Payout.Client.UnitTests;

/// <summary>Apps log objects; nothing the client hands them may print a secret.</summary>
public sealed class SecretsInLogsTests
{
    [Fact]
    public void Token_pair_to_string_hides_the_tokens()
    {
        var text = new TokenPair("secret-access", "secret-refresh", new DateTimeOffset(2026, 11, 23, 19, 40, 4, TimeSpan.Zero)).ToString();

        Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
        Assert.Contains("2026-11-23T19:40:04", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_customer_request_to_string_hides_the_password()
    {
        var text = new CreateCustomerRequest(TestClients.DemoMerchant, "+447871239999", "1234Qwerty", KycLevels.Kyc1).ToString();

        Assert.DoesNotContain("1234Qwerty", text, StringComparison.Ordinal);
        Assert.Contains("+447871239999", text, StringComparison.Ordinal);
    }
}
