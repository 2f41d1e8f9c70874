using System.Text.Json.Serialization;

namespace Payout.Client;

/// <summary>
/// The terms a payout receipt signs (its JWS payload), as <see cref="ReceiptVerifier"/> returns them once the signature
/// verified: the payout, its fee lines, the ledger transactions that moved the money, and who issued it for whom.
/// </summary>
public sealed record PayoutReceipt
{
    /// <summary>The issuer (<c>iss</c>), the service's name.</summary>
    [JsonPropertyName("iss")]
    public string Issuer { get; init; } = "";

    /// <summary>The customer paid out to (<c>sub</c>).</summary>
    [JsonPropertyName("sub")]
    public string CustomerId { get; init; } = "";

    /// <summary>When the receipt was signed (<c>iat</c>), seconds since 1970 (UTC).</summary>
    [JsonPropertyName("iat")]
    public long IssuedAtUnixSeconds { get; init; }

    /// <summary>When the receipt was signed.</summary>
    [JsonIgnore]
    public DateTimeOffset IssuedAt => DateTimeOffset.FromUnixTimeSeconds(IssuedAtUnixSeconds);

    /// <summary>The id of the key that signed it (the JWS header's <c>kid</c>).</summary>
    [JsonIgnore]
    public string KeyId { get; init; } = "";

    /// <summary>The customer's merchant.</summary>
    public Guid MerchantId { get; init; }

    /// <summary>The payout operation.</summary>
    public long OperationId { get; init; }

    /// <summary>The executed offer.</summary>
    public long OfferId { get; init; }

    /// <summary>One of <see cref="PayoutStatus"/>, when the receipt was signed.</summary>
    public string Status { get; init; } = "";

    /// <summary>The crypto amount paid out.</summary>
    public decimal AmountFrom { get; init; }

    /// <summary>The crypto.</summary>
    public string CurrencyFrom { get; init; } = "";

    /// <summary>The fiat sent to the card.</summary>
    public decimal AmountTo { get; init; }

    /// <summary>The fiat.</summary>
    public string CurrencyTo { get; init; } = "";

    /// <summary>The locked customer rate.</summary>
    public decimal Rate { get; init; }

    /// <summary>The fee lines, in the crypto.</summary>
    public IReadOnlyList<FeeLine> FeeInfo { get; init; } = [];

    /// <summary>The sum of the fee lines.</summary>
    public decimal Fee { get; init; }

    /// <summary><see cref="AmountFrom"/> + <see cref="Fee"/>.</summary>
    public decimal TotalDebited { get; init; }

    /// <summary>The card paid out to, masked.</summary>
    public string MaskedPan { get; init; } = "";

    /// <summary>Why it failed; null unless <see cref="Status"/> is <see cref="PayoutStatus.Failed"/>.</summary>
    public string? FailureReason { get; init; }

    /// <summary>When the payout was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its status last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The ledger transactions of the payout: the debit, then the settle or the refund once final.</summary>
    public IReadOnlyList<ReceiptLedgerTransaction> LedgerTransactions { get; init; } = [];
}

/// <summary>One ledger transaction of a payout, as its receipt names it.</summary>
public sealed record ReceiptLedgerTransaction
{
    /// <summary>The transaction's id in the ledger.</summary>
    public long Id { get; init; }

    /// <summary><c>PAYOUT_DEBIT</c>, <c>PAYOUT_SETTLE</c> or <c>PAYOUT_REFUND</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>When it was posted.</summary>
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>The keys that verify receipts, as <c>GET /.well-known/jwks.json</c> publishes them (a JSON Web Key Set).</summary>
public sealed record ReceiptKeySet
{
    /// <summary>Every key that can still verify a receipt.</summary>
    public IReadOnlyList<ReceiptKey> Keys { get; init; } = [];

    /// <summary>Reads a key set from its JSON (e.g. one the app stored or ships with).</summary>
    /// <exception cref="System.Text.Json.JsonException">Not a key set.</exception>
    public static ReceiptKeySet Parse(string json) =>
        System.Text.Json.JsonSerializer.Deserialize(json, Internal.PayoutJsonContext.Default.ReceiptKeySet)
        ?? throw new System.Text.Json.JsonException("The key set is empty.");
}

/// <summary>One public key of a <see cref="ReceiptKeySet"/> (a JWK: EC P-256 for ES256).</summary>
public sealed record ReceiptKey
{
    /// <summary>Key type: <c>EC</c>.</summary>
    public string Kty { get; init; } = "";

    /// <summary>Curve: <c>P-256</c>.</summary>
    public string Crv { get; init; } = "";

    /// <summary>The point's x coordinate, base64url.</summary>
    public string X { get; init; } = "";

    /// <summary>The point's y coordinate, base64url.</summary>
    public string Y { get; init; } = "";

    /// <summary>The key id a receipt's header names.</summary>
    public string Kid { get; init; } = "";

    /// <summary>Use: <c>sig</c>.</summary>
    public string? Use { get; init; }

    /// <summary>Algorithm: <c>ES256</c>.</summary>
    public string? Alg { get; init; }
}

/// <summary>A receipt that is not one the service signed with a key of the set: malformed, unknown key, altered, or another algorithm.</summary>
public sealed class ReceiptVerificationException : Exception
{
    /// <summary>Creates the exception with the reason the receipt was refused.</summary>
    public ReceiptVerificationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
