namespace Payout.Api.Features.Payouts;

/// <summary>The execute answer (spec §8); <c>fee</c> and <c>totalDebited</c> are in the source crypto.</summary>
public sealed record PayoutResponse(
    string Status, decimal AmountFrom, string CurrencyFrom, decimal AmountTo, string CurrencyTo,
    long OperationId, long OfferId, decimal Fee, decimal TotalDebited, DateTimeOffset CreatedAt)
{
    public static PayoutResponse From(PayoutOperation p) => new(
        p.Status.ToString(), p.AmountFrom, p.CurrencyFrom, p.AmountTo, p.CurrencyTo, p.Id, p.OfferId, p.Fee, p.TotalDebited, p.CreatedAt);
}
