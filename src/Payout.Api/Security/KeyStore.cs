namespace Payout.Api.Security;

/// <summary>
/// The service's secret keys, one <see cref="KeyRing"/> per <see cref="KeyPurpose"/>, kept as files in
/// <c>Keys:Directory</c> (spec §11): <c>{folder}/{purpose}/{keyId}.key</c>. Thread-safe: rings are immutable
/// and replaced whole when a key is added.
/// </summary>
public sealed class KeyStore
{
    private readonly KeyRing[] rings;
    private readonly Lock gate = new();

    private KeyStore(string folder, KeyRing[] rings)
    {
        Folder = folder;
        this.rings = rings;
    }

    /// <summary>The full path of the key folder.</summary>
    public string Folder { get; }

    public KeyRing TokenSigning => Ring(KeyPurpose.TokenSigning);

    public KeyRing CardEncryption => Ring(KeyPurpose.CardEncryption);

    public KeyRing CardFingerprint => Ring(KeyPurpose.CardFingerprint);

    public KeyRing ReceiptSigning => Ring(KeyPurpose.ReceiptSigning);

    public KeyRing AuditChain => Ring(KeyPurpose.AuditChain);

    /// <summary>
    /// Reads every purpose's keys from <paramref name="directory"/>. A purpose without keys gets a new <c>k1</c>
    /// when <paramref name="generateMissing"/> is set; otherwise <see cref="MissingKeysException"/> names the
    /// folder and every purpose that lacks keys.
    /// </summary>
    public static KeyStore Load(string directory, bool generateMissing)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var folder = Path.GetFullPath(directory);
        var keys = KeyPurposes.All.ToDictionary(p => p, p => KeyFiles.ReadAll(folder, p));
        var missing = keys.Where(k => k.Value.Count == 0).Select(k => k.Key).ToList();
        if (missing.Count > 0 && !generateMissing)
        {
            throw new MissingKeysException(folder, missing);
        }

        foreach (var purpose in missing)
        {
            // Another process starting at the same moment may create k1 first; then we use its key.
            keys[purpose] = KeyFiles.TryCreate(folder, purpose, 1) is { } created ? [created] : KeyFiles.ReadAll(folder, purpose);
        }

        return new KeyStore(folder, [.. KeyPurposes.All.Select(p => new KeyRing(p, keys[p]))]);
    }

    public KeyRing Ring(KeyPurpose purpose) => Volatile.Read(ref rings[(int)purpose]);

    /// <summary>
    /// Rotation: writes the next key (<c>k{n+1}</c>) of <paramref name="purpose"/>, which becomes
    /// <see cref="KeyRing.Current"/>. Older keys stay for reading.
    /// </summary>
    public KeyMaterial AddKey(KeyPurpose purpose)
    {
        lock (gate)
        {
            // Start from the files, not the ring: another process may have rotated since we loaded.
            const int attempts = 10;
            for (var i = 0; i < attempts; i++)
            {
                var onDisk = Reload(purpose);
                if (KeyFiles.TryCreate(Folder, purpose, onDisk.Current.Number + 1) is { } key)
                {
                    Publish(new KeyRing(purpose, [.. onDisk.All, key]));
                    return key;
                }
            }

            throw new KeyStoreException($"Could not add a {purpose.FolderName()} key in '{Folder}': other processes keep adding keys.");
        }
    }

    /// <summary>
    /// The key <paramref name="keyId"/> of <paramref name="purpose"/>. When this process does not know it, the folder
    /// is read again first: another process may have rotated and written data under the new key.
    /// </summary>
    public KeyMaterial GetKey(KeyPurpose purpose, string keyId)
    {
        if (Ring(purpose).TryGet(keyId, out var key))
        {
            return key;
        }

        // An id that is not even well formed is not worth a look at the disk.
        if (!KeyMaterial.TryParseId(keyId, out _))
        {
            throw new UnknownKeyException(purpose, keyId);
        }

        lock (gate)
        {
            return Reload(purpose).Get(keyId);
        }
    }

    /// <summary>
    /// The ring of <paramref name="purpose"/> as the folder holds it now (keys this process holds stay): for what must know
    /// keys another process added, such as the published receipt keys. It also makes the newest key current here.
    /// </summary>
    public KeyRing Refresh(KeyPurpose purpose)
    {
        lock (gate)
        {
            return Reload(purpose);
        }
    }

    public override string ToString() => $"KeyStore '{Folder}'";

    // Keys this process already holds stay even if their file went away, so data it can read stays readable.
    private KeyRing Reload(KeyPurpose purpose)
    {
        var onDisk = KeyFiles.ReadAll(Folder, purpose);
        var kept = Ring(purpose).All.Where(k => onDisk.TrueForAll(d => d.Number != k.Number));
        var ring = new KeyRing(purpose, onDisk.Concat(kept));
        Publish(ring);
        return ring;
    }

    private void Publish(KeyRing ring) => Volatile.Write(ref rings[(int)ring.Purpose], ring);
}
