using Payout.Api.Features.Payouts;

namespace Payout.Api.Features.Admin;

/// <summary>One payout as operators see it: the customer's view plus whose it is.</summary>
public sealed record AdminPayout(
    long OperationId, long OfferId, long CustomerId, string Status, decimal AmountFrom, string CurrencyFrom, decimal AmountTo,
    string CurrencyTo, decimal Rate, decimal Fee, decimal TotalDebited, string MaskedPan, string? FailureReason,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static AdminPayout From(PayoutOperation p) => new(
        p.Id, p.OfferId, p.CustomerId, p.Status.ToString(), p.AmountFrom, p.CurrencyFrom, p.AmountTo, p.CurrencyTo, p.Rate, p.Fee,
        p.TotalDebited, p.MaskedPan, p.FailureReason, p.CreatedAt, p.UpdatedAt);
}
