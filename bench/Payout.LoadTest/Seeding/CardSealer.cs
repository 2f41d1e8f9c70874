using Payout.Api.Domain.Cards;
using Payout.Api.Security;

namespace Payout.LoadTest.Seeding;

/// <summary>A card as the service stores it: AES-256-GCM ciphertext with its key id, HMAC fingerprint, masked number.</summary>
internal sealed record SealedCard(string Brand, string MaskedPan, string Fingerprint, string KeyId, byte[] Ciphertext);

/// <summary>
/// The service's own card encryption and fingerprints with the installation's key files, so a seeded card is
/// exactly what <c>POST /v4/payout/card</c> would have stored and its number is never in clear in a column.
/// The only place the seeder uses the service's security code.
/// </summary>
internal sealed class CardSealer(CardCipher cipher, CardFingerprint fingerprints)
{
    public static CardSealer Load(string keysDirectory)
    {
        var keys = KeyStore.Load(keysDirectory, generateMissing: false);
        return new CardSealer(new CardCipher(keys), new CardFingerprint(keys));
    }

    public SealedCard Seal(string digits)
    {
        if (!CardNumber.TryParse(digits, out var number, out _))
        {
            throw new ArgumentException("Not a valid card number.", nameof(digits));
        }

        var encrypted = cipher.Encrypt(number);
        var brand = digits[0] == '4' ? CardBrand.Visa : CardBrand.Mastercard;
        return new SealedCard(brand.ToString(), number.Masked, fingerprints.Compute(number), encrypted.KeyId, encrypted.Ciphertext);
    }
}
