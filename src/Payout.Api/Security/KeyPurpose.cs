namespace Payout.Api.Security;

/// <summary>What a key is for (spec §11). Each purpose has its own folder and its own ring of keys.</summary>
public enum KeyPurpose
{
    TokenSigning,
    CardEncryption,
    CardFingerprint,

    /// <summary>Keys the audit trail's hash chain (HMAC), so the database alone cannot rewrite a consistent chain.</summary>
    AuditChain,
}
