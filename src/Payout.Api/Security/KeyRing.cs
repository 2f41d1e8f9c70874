using System.Diagnostics.CodeAnalysis;

namespace Payout.Api.Security;

/// <summary>
/// The keys of one purpose, oldest first. New data uses <see cref="Current"/> (the highest id); older keys stay
/// so that data written under them can still be read. Immutable: rotation builds a new ring.
/// </summary>
public sealed class KeyRing
{
    internal KeyRing(KeyPurpose purpose, IEnumerable<KeyMaterial> keys)
    {
        Purpose = purpose;
        All = [.. keys.OrderBy(k => k.Number)];
        if (All.Count == 0)
        {
            throw new ArgumentException("A key ring holds at least one key.", nameof(keys));
        }
    }

    public KeyPurpose Purpose { get; }

    /// <summary>Every key of the purpose, by ascending id number.</summary>
    public IReadOnlyList<KeyMaterial> All { get; }

    /// <summary>The key with the highest number: the one to use for new data.</summary>
    public KeyMaterial Current => All[^1];

    public bool TryGet(string keyId, [NotNullWhen(true)] out KeyMaterial? key)
    {
        key = All.FirstOrDefault(k => string.Equals(k.Id, keyId, StringComparison.Ordinal));
        return key is not null;
    }

    /// <summary>The key with id <paramref name="keyId"/>; <see cref="UnknownKeyException"/> when this ring lacks it.</summary>
    public KeyMaterial Get(string keyId) =>
        TryGet(keyId, out var key) ? key : throw new UnknownKeyException(Purpose, keyId);

    public override string ToString() => $"{Purpose.FolderName()}: {string.Join(", ", All.Select(k => k.Id))}";
}
