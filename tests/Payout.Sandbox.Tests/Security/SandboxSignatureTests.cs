using System.Text;

namespace Payout.Sandbox.Tests.Security;

public sealed class SandboxSignatureTests
{
    private const string Secret = "test-callback-secret-0123456789";
    private const string Body = """{"payoutId":"p-1","status":"PAID"}""";
    private const long Timestamp = 1_700_000_000;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(Timestamp);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    [Fact]
    public void Compute_matches_an_independent_hmac_of_timestamp_dot_body()
    {
        // echo -n '1700000000.{"payoutId":"p-1","status":"PAID"}' | openssl dgst -sha256 -hmac 'test-callback-secret-0123456789'
        Assert.Equal(
            "v1=d4c63ec69a12cf7e2c266fdff6bb2346ef5816764e908d32d06956be01c91cb1",
            SandboxSignature.Compute(Secret, Timestamp, Body));
    }

    [Fact]
    public void The_string_and_byte_forms_agree()
    {
        Assert.Equal(SandboxSignature.Compute(Secret, Timestamp, Body), SandboxSignature.Compute(Secret, Timestamp, Encoding.UTF8.GetBytes(Body)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    [InlineData(-300)]
    public void A_genuine_signature_within_the_tolerance_verifies(int secondsLater)
    {
        Assert.True(Verify("1700000000", Sign(), Body, Now.AddSeconds(secondsLater)));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86_400)]
    public void A_timestamp_outside_the_tolerance_fails(int secondsLater)
    {
        Assert.False(Verify("1700000000", Sign(), Body, Now.AddSeconds(secondsLater)));
    }

    [Theory]
    [InlineData("""{"payoutId":"p-1","status":"DECLINED"}""")]
    [InlineData("""{"payoutId":"p-1","status":"PAID"} """)]
    [InlineData("")]
    public void A_tampered_body_fails(string body)
    {
        Assert.False(Verify("1700000000", Sign(), body, Now));
    }

    [Fact]
    public void A_signature_moved_to_another_timestamp_fails()
    {
        Assert.False(Verify("1700000001", Sign(), Body, Now));
    }

    [Fact]
    public void Another_secret_fails()
    {
        Assert.False(SandboxSignature.Verify("another-secret-0123456789", "1700000000", Sign(), Body, Now, Tolerance));
    }

    [Theory]
    [InlineData(null, "sig")]
    [InlineData("", "sig")]
    [InlineData("abc", "sig")]
    [InlineData("-1700000000", "sig")]
    [InlineData("1700000000.0", "sig")]
    [InlineData(" 1700000000", "sig")]
    [InlineData("99999999999999999999999", "sig")]
    [InlineData("1700000000", null)]
    [InlineData("1700000000", "")]
    [InlineData("1700000000", "d4c63ec69a12cf7e2c266fdff6bb2346ef5816764e908d32d06956be01c91cb1")]
    [InlineData("1700000000", "v1=D4C63EC69A12CF7E2C266FDFF6BB2346EF5816764E908D32D06956BE01C91CB1")]
    [InlineData("1700000000", "v1=d4c63ec69a12cf7e2c266fdff6bb2346ef5816764e908d32d06956be01c91cb")]
    public void Missing_or_malformed_headers_fail(string? timestamp, string? signature)
    {
        Assert.False(Verify(timestamp, signature == "sig" ? Sign() : signature, Body, Now));
    }

    private static string Sign() => SandboxSignature.Compute(Secret, Timestamp, Body);

    private static bool Verify(string? timestamp, string? signature, string body, DateTimeOffset now) =>
        SandboxSignature.Verify(Secret, timestamp, signature, body, now, Tolerance);
}
