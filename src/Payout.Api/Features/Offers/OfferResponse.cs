using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Money;

namespace Payout.Api.Features.Offers;

/// <summary>
/// The answer of create and update (spec §7), field for field as Vault names them, plus <c>reasonDetails</c>: what
/// clears each of <c>reasons</c> (which stays a list of codes, as Vault's apps read it).
/// </summary>
public sealed record OfferResponse(
    long OfferId,
    int ValidSeconds,
    decimal Amount,
    string CurrencyFrom,
    decimal AmountTo,
    string CurrencyTo,
    decimal Rate,
    IReadOnlyList<FeeInfo> FeeInfo,
    bool PossibleToExecute,
    LimitInfo Limit,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<ReasonDetail> ReasonDetails,
    DateTimeOffset ExpiresAt,
    [property: System.ComponentModel.Description("The slippage band: after `expiresAt`, execute still works while the rate stays within this fraction of `rate` (0: no band).")]
    decimal MaxSlippage)
{
    /// <param name="failing">The execute checks that fail right now, explained (<c>Quoting.ExplainAsync</c>), in their order.</param>
    public static OfferResponse From(Offer offer, int validSeconds, IReadOnlyList<Failure> failing, decimal remainingLimitEur, Currency from) => new(
        offer.Id,
        validSeconds,
        offer.Amount,
        offer.CurrencyFrom,
        offer.AmountTo,
        offer.CurrencyTo,
        offer.Rate,
        [.. offer.Fees.Lines.Select(line => new FeeInfo(from.Code, line.Name, from.Scale, line.Value, line.Type))],
        failing.Count == 0,
        new LimitInfo(remainingLimitEur, "EUR"),
        [.. failing.Select(failure => failure.Code.ToString())],
        [.. failing.Select(ReasonDetail.From)],
        offer.ExpiresAt,
        Rounding.Normalize(offer.MaxSlippage));
}
