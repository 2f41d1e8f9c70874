using System.Text;
using Payout.Api.Features.Events;

namespace Payout.UnitTests.Events;

public sealed class WebhookSignatureTests
{
    private const string Body = """{"sequence":1}""";

    [Fact]
    public void The_signature_is_hex_hmac_sha256_of_timestamp_dot_body()
    {
        // Worked out independently: python3 -c "import hmac,hashlib; print(hmac.new(b'old-webhook-secret-0123456789',
        // b'1795462804.{\"sequence\":1}', hashlib.sha256).hexdigest())"
        Assert.Equal("b37d19291eff795f5cb3405b91bbdd532df6190c029e0050c3dd5c167a0d411b",
            WebhookSignature.Compute("old-webhook-secret-0123456789", 1795462804, Encoding.UTF8.GetBytes(Body)));
    }

    [Fact]
    public void The_header_carries_one_v1_per_active_secret_in_order()
    {
        var body = Encoding.UTF8.GetBytes(Body);
        var header = WebhookSignature.HeaderValue(1795462804, body, ["old-webhook-secret-0123456789", "new-webhook-secret-9876543210"]);

        Assert.Equal(
            "t=1795462804"
            + ",v1=" + WebhookSignature.Compute("old-webhook-secret-0123456789", 1795462804, body)
            + ",v1=" + WebhookSignature.Compute("new-webhook-secret-9876543210", 1795462804, body),
            header);
    }
}
