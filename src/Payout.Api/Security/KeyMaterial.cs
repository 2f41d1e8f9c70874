using System.Diagnostics;
using System.Globalization;

namespace Payout.Api.Security;

/// <summary>
/// One secret key: its purpose, its id (<c>k1</c>, <c>k2</c>, …) and 32 bytes. The bytes come out only through
/// <see cref="RevealBytes"/>, so no ToString, log template, serializer or debugger view shows them.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class KeyMaterial
{
    public const int Size = 32;

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly byte[] bytes;

    internal KeyMaterial(KeyPurpose purpose, int number, byte[] bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException("A key has exactly 32 bytes.", nameof(bytes));
        }

        Purpose = purpose;
        Number = number;
        Id = FormatId(number);
        this.bytes = bytes;
    }

    public KeyPurpose Purpose { get; }

    /// <summary>The key id stored beside each ciphertext: <c>k</c> followed by <see cref="Number"/>.</summary>
    public string Id { get; }

    /// <summary>The rotation order: the highest number is the current key.</summary>
    public int Number { get; }

    /// <summary>SENSITIVE: the key itself, for the crypto primitive only.</summary>
    public ReadOnlySpan<byte> RevealBytes() => bytes;

    public override string ToString() => $"{Purpose.FolderName()}/{Id}";

    internal static string FormatId(int number) => "k" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>Accepts only the canonical form <c>k{n}</c>, n ≥ 1, so <c>k01</c> and <c>k1</c> can't both exist.</summary>
    internal static bool TryParseId(string? keyId, out int number)
    {
        number = 0;
        return keyId is ['k', .. var digits]
            && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number > 0
            && FormatId(number) == keyId;
    }
}
