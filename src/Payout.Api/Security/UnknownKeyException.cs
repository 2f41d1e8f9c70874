namespace Payout.Api.Security;

/// <summary>A key id that no key file of that purpose holds (a stored row names a key that was removed).</summary>
public sealed class UnknownKeyException : KeyStoreException
{
    public UnknownKeyException(KeyPurpose purpose, string keyId)
        : base($"No {purpose.FolderName()} key with id '{keyId}'.")
    {
        Purpose = purpose;
        KeyId = keyId;
    }

    public KeyPurpose Purpose { get; }

    public string KeyId { get; }
}
