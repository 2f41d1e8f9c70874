using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using CsCheck;
using Payout.Api.Domain.Cards;
using Payout.Api.Security;
using Payout.UnitTests.Cards;

namespace Payout.UnitTests.Security;

public sealed class CardCipherTests : IDisposable
{
    private readonly TempKeyFolder folder = new();
    private readonly KeyStore keys;
    private readonly CardCipher cipher;

    public CardCipherTests()
    {
        keys = KeyStore.Load(folder.Path, generateMissing: true);
        cipher = new CardCipher(keys);
    }

    public void Dispose() => folder.Dispose();

    [Theory]
    [MemberData(nameof(TestCards.KnownValid), MemberType = typeof(TestCards))]
    public void A_card_number_decrypts_to_itself(string digits)
    {
        var number = CardNumber.Parse(digits);

        var encrypted = cipher.Encrypt(number);

        Assert.Equal("k1", encrypted.KeyId);
        Assert.Equal(CardCipher.NonceSize + CardCipher.TagSize + digits.Length, encrypted.Ciphertext.Length);
        Assert.Equal(digits, cipher.Decrypt(encrypted).RevealDigits());
        Assert.Equal(number, cipher.Decrypt(encrypted.KeyId, encrypted.Ciphertext));
    }

    [Fact]
    public void Any_card_number_survives_the_round_trip() =>
        TestCards.ValidNumbers.Sample(digits =>
            Assert.Equal(digits, cipher.Decrypt(cipher.Encrypt(CardNumber.Parse(digits))).RevealDigits()));

    [Fact]
    public void Encrypting_the_same_number_twice_gives_different_ciphertexts()
    {
        var number = CardNumber.Parse(TestCards.Visa);
        Assert.NotEqual(cipher.Encrypt(number).Ciphertext, cipher.Encrypt(number).Ciphertext);
    }

    [Fact]
    public void After_a_rotation_old_rows_still_decrypt_and_new_rows_use_the_new_key()
    {
        var number = CardNumber.Parse(TestCards.Visa);
        var old = cipher.Encrypt(number);

        keys.AddKey(KeyPurpose.CardEncryption);
        var fresh = cipher.Encrypt(number);

        Assert.Equal("k1", old.KeyId);
        Assert.Equal("k2", fresh.KeyId);
        Assert.Equal("k2", cipher.CurrentKeyId);
        Assert.Equal(number, cipher.Decrypt(old));
        Assert.Equal(number, cipher.Decrypt(fresh));
        Assert.True(cipher.NeedsReEncryption(old.KeyId));
        Assert.False(cipher.NeedsReEncryption(fresh.KeyId));
    }

    [Fact]
    public void Another_process_reads_rows_written_under_a_key_it_has_not_loaded_yet()
    {
        var other = new CardCipher(KeyStore.Load(folder.Path, generateMissing: false));
        keys.AddKey(KeyPurpose.CardEncryption);

        var encrypted = cipher.Encrypt(CardNumber.Parse(TestCards.Visa));

        Assert.Equal("k2", encrypted.KeyId);
        Assert.Equal(TestCards.Visa, other.Decrypt(encrypted).RevealDigits());
    }

    [Fact]
    public void Changing_any_byte_of_the_blob_is_detected()
    {
        var encrypted = cipher.Encrypt(CardNumber.Parse(TestCards.Visa));

        for (var i = 0; i < encrypted.Ciphertext.Length; i++)
        {
            var tampered = (byte[])encrypted.Ciphertext.Clone();
            tampered[i] ^= 0x01;
            Assert.Throws<CardDecryptionException>(() => cipher.Decrypt(encrypted.KeyId, tampered));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(27)]
    [InlineData(39)]
    [InlineData(48)]
    public void A_blob_of_impossible_length_is_rejected(int length) =>
        Assert.Throws<CardDecryptionException>(() => cipher.Decrypt("k1", new byte[length]));

    [Fact]
    public void A_truncated_or_extended_blob_is_rejected()
    {
        var encrypted = cipher.Encrypt(CardNumber.Parse(TestCards.Visa));

        Assert.Throws<CardDecryptionException>(() => cipher.Decrypt("k1", encrypted.Ciphertext.AsSpan(0, encrypted.Ciphertext.Length - 1)));
        Assert.Throws<CardDecryptionException>(() => cipher.Decrypt("k1", [.. encrypted.Ciphertext, 0x30]));
    }

    [Fact]
    public void A_blob_paired_with_another_key_id_does_not_open()
    {
        var encrypted = cipher.Encrypt(CardNumber.Parse(TestCards.Visa));
        keys.AddKey(KeyPurpose.CardEncryption);

        var exception = Assert.Throws<CardDecryptionException>(() => cipher.Decrypt("k2", encrypted.Ciphertext));
        Assert.Equal("k2", exception.KeyId);
    }

    [Fact]
    public void A_key_id_without_a_key_file_is_an_unknown_key() =>
        Assert.Throws<UnknownKeyException>(() =>
            cipher.Decrypt("k9", cipher.Encrypt(CardNumber.Parse(TestCards.Visa)).Ciphertext));

    [Fact]
    public void The_ciphertext_contains_the_number_in_no_plain_encoding() =>
        TestCards.ValidNumbers.Sample(digits =>
        {
            var blob = cipher.Encrypt(CardNumber.Parse(digits)).Ciphertext;
            var asLong = long.Parse(digits[..Math.Min(digits.Length, 18)], CultureInfo.InvariantCulture);
            var littleEndian = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(littleEndian, asLong);
            var bigEndian = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bigEndian, asLong);

            Assert.False(Contains(blob, Encoding.ASCII.GetBytes(digits)));
            Assert.False(Contains(blob, Encoding.Unicode.GetBytes(digits)));
            Assert.False(Contains(blob, littleEndian));
            Assert.False(Contains(blob, bigEndian));
        });

    [Fact]
    public void The_known_test_number_is_not_in_the_blob_as_text_or_int64()
    {
        var blob = cipher.Encrypt(CardNumber.Parse(TestCards.Visa)).Ciphertext;

        Assert.False(Contains(blob, Encoding.ASCII.GetBytes(TestCards.Visa)));
        Assert.False(Contains(blob, BitConverter.GetBytes(4012888888881881L)));
        Assert.DoesNotContain(TestCards.Visa, Encoding.Latin1.GetString(blob), StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_never_carry_the_number_or_the_key()
    {
        var encrypted = cipher.Encrypt(CardNumber.Parse(TestCards.Visa));
        var tampered = (byte[])encrypted.Ciphertext.Clone();
        tampered[^1] ^= 0xff;

        var exception = Assert.Throws<CardDecryptionException>(() => cipher.Decrypt("k1", tampered));

        Assert.DoesNotContain(TestCards.Visa, exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(keys.CardEncryption.Current.RevealBytes()), exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(tampered), exception.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
