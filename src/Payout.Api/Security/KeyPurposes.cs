namespace Payout.Api.Security;

/// <summary>The purposes and their folders.</summary>
public static class KeyPurposes
{
    public static IReadOnlyList<KeyPurpose> All { get; } = Enum.GetValues<KeyPurpose>();

    /// <summary>The folder under <c>Keys:Directory</c> that holds this purpose's key files.</summary>
    public static string FolderName(this KeyPurpose purpose) => purpose switch
    {
        KeyPurpose.TokenSigning => "token-signing",
        KeyPurpose.CardEncryption => "card-encryption",
        KeyPurpose.CardFingerprint => "card-fingerprint",
        KeyPurpose.ReceiptSigning => "receipt-signing",
        KeyPurpose.AuditChain => "audit-chain",
    };
}
