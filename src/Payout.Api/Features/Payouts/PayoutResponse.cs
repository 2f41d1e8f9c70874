namespace Payout.Api.Features.Payouts;

/// <summary>
/// The execute answer (spec §8); <c>fee</c> and <c>totalDebited</c> are in the source crypto. <c>rate</c> (an addition) is
/// the rate the payout was priced at: the offer's, or the one its slippage band gave after it expired.
/// </summary>
public sealed record PayoutResponse(
    string Status, decimal AmountFrom, string CurrencyFrom, decimal AmountTo, string CurrencyTo,
    long OperationId, long OfferId, decimal Fee, decimal TotalDebited, DateTimeOffset CreatedAt, decimal Rate)
{
    public static PayoutResponse From(PayoutOperation p) => new(
        p.Status.ToString(), p.AmountFrom, p.CurrencyFrom, p.AmountTo, p.CurrencyTo, p.Id, p.OfferId, p.Fee, p.TotalDebited, p.CreatedAt, p.Rate);
}
