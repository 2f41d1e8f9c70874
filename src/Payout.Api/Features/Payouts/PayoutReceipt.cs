using System.Text.Json.Serialization;
using Payout.Api.Features.Offers;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// What a receipt signs (the JWS payload): the terms the customer was paid at — the payout as the history shows it,
/// its fee lines, and the ledger transactions that moved the money (the debit, then the settle or refund once final) —
/// with who issued it, for whom and when (<c>iss</c>, <c>sub</c>, <c>iat</c>, as JWT tools read them).
/// </summary>
public sealed record PayoutReceipt(
    [property: JsonPropertyName("iss")] string Issuer,
    [property: JsonPropertyName("sub")] string CustomerId,
    [property: JsonPropertyName("iat")] long IssuedAt,
    Guid MerchantId,
    long OperationId,
    long OfferId,
    string Status,
    decimal AmountFrom,
    string CurrencyFrom,
    decimal AmountTo,
    string CurrencyTo,
    decimal Rate,
    IReadOnlyList<FeeInfo> FeeInfo,
    decimal Fee,
    decimal TotalDebited,
    string MaskedPan,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ReceiptLedgerTransaction> LedgerTransactions);
