namespace Payout.Api.Security;

/// <summary>What a key is for (spec §11). Each purpose has its own folder and its own ring of keys.</summary>
public enum KeyPurpose
{
    TokenSigning,
    CardEncryption,
    CardFingerprint,

    /// <summary>ECDSA P-256 (ES256) keys that sign payout receipts; each file holds a private scalar.</summary>
    ReceiptSigning,

    /// <summary>Keys the audit trail's hash chain (HMAC), so the database alone cannot rewrite a consistent chain.</summary>
    AuditChain,
}
