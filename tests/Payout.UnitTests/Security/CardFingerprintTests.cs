using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Payout.Api.Domain.Cards;
using Payout.Api.Security;
using Payout.UnitTests.Cards;

namespace Payout.UnitTests.Security;

public sealed class CardFingerprintTests : IDisposable
{
    private readonly TempKeyFolder folder = new();
    private readonly KeyStore keys;
    private readonly CardFingerprint fingerprints;

    public CardFingerprintTests()
    {
        keys = KeyStore.Load(folder.Path, generateMissing: true);
        fingerprints = new CardFingerprint(keys);
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_same_number_always_gives_the_same_fingerprint()
    {
        var first = fingerprints.Compute(CardNumber.Parse(TestCards.Visa));

        Assert.Equal(first, fingerprints.Compute(CardNumber.Parse("4012 8888-8888 1881")));
        Assert.Equal(first, new CardFingerprint(KeyStore.Load(folder.Path, generateMissing: false)).Compute(CardNumber.Parse(TestCards.Visa)));
    }

    [Fact]
    public void A_fingerprint_is_64_lowercase_hex_characters() =>
        TestCards.ValidNumbers.Sample(digits =>
        {
            var fingerprint = fingerprints.Compute(CardNumber.Parse(digits));
            Assert.Equal(CardFingerprint.Length, fingerprint.Length);
            Assert.All(fingerprint, c => Assert.True(char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)));
        });

    [Fact]
    public void Different_numbers_give_different_fingerprints() =>
        Gen.Select(TestCards.ValidNumbers, TestCards.ValidNumbers).Where((a, b) => a != b).Sample((a, b) =>
            Assert.NotEqual(fingerprints.Compute(CardNumber.Parse(a)), fingerprints.Compute(CardNumber.Parse(b))));

    [Fact]
    public void The_known_test_numbers_have_distinct_fingerprints() =>
        Assert.Equal(
            TestCards.KnownValidDigits.Length,
            TestCards.KnownValidDigits.Select(d => fingerprints.Compute(CardNumber.Parse(d))).Distinct().Count());

    [Fact]
    public void The_fingerprint_is_the_hmac_sha256_of_the_digits_under_the_fingerprint_key()
    {
        var key = Convert.FromBase64String(File.ReadAllText(folder.KeyFile("card-fingerprint", "k1")));
        var expected = Convert.ToHexString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(TestCards.Visa))).ToLowerInvariant();

        Assert.Equal(expected, fingerprints.Compute(CardNumber.Parse(TestCards.Visa)));
        Assert.Equal("k1", fingerprints.KeyId);
    }

    [Fact]
    public void Another_installation_with_other_keys_gives_other_fingerprints()
    {
        using var otherFolder = new TempKeyFolder();
        var other = new CardFingerprint(KeyStore.Load(otherFolder.Path, generateMissing: true));

        Assert.NotEqual(fingerprints.Compute(CardNumber.Parse(TestCards.Visa)), other.Compute(CardNumber.Parse(TestCards.Visa)));
    }

    [Fact]
    public void The_fingerprint_does_not_contain_the_number()
    {
        var fingerprint = fingerprints.Compute(CardNumber.Parse(TestCards.Visa));
        Assert.DoesNotContain(TestCards.Visa[..6], fingerprint, StringComparison.Ordinal);
    }

    [Fact]
    public void Rotating_the_fingerprint_key_changes_every_fingerprint_which_is_why_it_is_rotated_apart()
    {
        var before = fingerprints.Compute(CardNumber.Parse(TestCards.Visa));
        keys.AddKey(KeyPurpose.CardFingerprint);

        Assert.Equal("k2", fingerprints.KeyId);
        Assert.NotEqual(before, fingerprints.Compute(CardNumber.Parse(TestCards.Visa)));
    }
}
