using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Payout.Api.Features.Events;

/// <summary>Which merchant a <c>X-Merchant-Key</c> belongs to.</summary>
public sealed class MerchantCredentials(IOptions<EventsOptions> options)
{
    private readonly (Guid Merchant, byte[] KeyHash)[] keys =
        [.. options.Value.Merchants.Where(m => !string.IsNullOrEmpty(m.ApiKey)).Select(m => (m.Id, Hash(m.ApiKey!)))];

    /// <summary>The key's merchant, or null. Compares with every key in constant time, so timing tells nothing.</summary>
    public Guid? MerchantOf(string key)
    {
        var given = Hash(key);
        Guid? found = null;
        foreach (var (merchant, hash) in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, given))
            {
                found = merchant;
            }
        }

        return found;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
