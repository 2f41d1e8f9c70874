using System.Security.Cryptography;

namespace Payout.Api.Security;

/// <summary>The public half of a receipt-signing key: its id and its P-256 point, what a JWKS publishes.</summary>
public sealed record ReceiptPublicKey(string KeyId, ECPoint Point);
