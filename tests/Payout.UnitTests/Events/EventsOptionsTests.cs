using Payout.Api.Features.Events;

namespace Payout.UnitTests.Events;

public sealed class EventsOptionsTests
{
    [Fact]
    public void The_defaults_are_valid() => Assert.Empty(new EventsOptions().Validate());

    [Theory]
    [InlineData("ftp://127.0.0.1/hooks")]
    [InlineData("http://user:pass@127.0.0.1/hooks")]
    [InlineData("/hooks")]
    public void A_webhook_url_must_be_plain_http_or_https(string url) =>
        Assert.Contains(Options(url, ["a-secret-of-24-characters-ok"]).Validate(), e => e.Contains("Webhook:Url", StringComparison.Ordinal));

    [Fact]
    public void A_webhook_has_one_or_two_long_secrets()
    {
        Assert.Empty(Options("https://127.0.0.1/hooks", ["a-secret-of-24-characters-ok", "another-secret-of-24-chars-ok"]).Validate());
        Assert.NotEmpty(Options("https://127.0.0.1/hooks", []).Validate());
        Assert.NotEmpty(Options("https://127.0.0.1/hooks", ["short"]).Validate());
        Assert.NotEmpty(Options("https://127.0.0.1/hooks", ["a-secret-of-24-characters-1", "a-secret-of-24-characters-2", "a-secret-of-24-characters-3"]).Validate());
    }

    [Fact]
    public void Retries_back_off_doubling_up_to_the_maximum()
    {
        var options = new EventsOptions { WebhookMaxBackoffSeconds = 300 };
        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300],
            Enumerable.Range(1, 11).Select(attempt => options.BackoffAfter(attempt).TotalSeconds));
    }

    [Fact]
    public void Two_merchants_may_not_share_a_key()
    {
        var options = new EventsOptions
        {
            Merchants = [new() { Id = Guid.NewGuid(), ApiKey = "same-key-0123456789" }, new() { Id = Guid.NewGuid(), ApiKey = "same-key-0123456789" }],
        };
        Assert.NotEmpty(options.Validate());
    }

    private static EventsOptions Options(string url, List<string> secrets) => new()
    {
        Merchants = [new() { Id = Guid.NewGuid(), Webhook = new WebhookSettings { Url = new Uri(url, UriKind.RelativeOrAbsolute), Secrets = secrets } }],
    };
}
