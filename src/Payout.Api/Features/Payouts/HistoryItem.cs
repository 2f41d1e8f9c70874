using Payout.Api.Domain.Payouts;

namespace Payout.Api.Features.Payouts;

/// <summary>One payout as the history shows it (spec §13).</summary>
public sealed record HistoryItem(
    long OperationId, long OfferId, string Status, decimal AmountFrom, string CurrencyFrom, decimal AmountTo, string CurrencyTo,
    decimal Rate, decimal Fee, decimal TotalDebited, string MaskedPan, string? FailureReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static HistoryItem From(PayoutOperation p) => new(
        p.Id, p.OfferId, p.Status.ToString(), p.AmountFrom, p.CurrencyFrom, p.AmountTo, p.CurrencyTo,
        p.Rate, p.Fee, p.TotalDebited, p.MaskedPan, p.Status == PayoutStatus.FAILED ? p.FailureReason : null, p.CreatedAt, p.UpdatedAt);
}
