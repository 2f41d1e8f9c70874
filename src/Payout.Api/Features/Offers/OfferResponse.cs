using Payout.Api.Domain.Money;

namespace Payout.Api.Features.Offers;

/// <summary>The answer of create and update (spec §7), field for field as Vault names them.</summary>
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
    DateTimeOffset ExpiresAt)
{
    public static OfferResponse From(Offer offer, int validSeconds, IReadOnlyList<string> reasons, decimal remainingLimitEur, Currency from) => new(
        offer.Id,
        validSeconds,
        offer.Amount,
        offer.CurrencyFrom,
        offer.AmountTo,
        offer.CurrencyTo,
        offer.Rate,
        FeeLinesOf(offer, from),
        reasons.Count == 0,
        new LimitInfo(remainingLimitEur, "EUR"),
        reasons,
        offer.ExpiresAt);

    /// <summary>The transaction fee is always shown; the other lines only when they are not zero.</summary>
    private static List<FeeInfo> FeeLinesOf(Offer offer, Currency from)
    {
        var lines = new List<FeeInfo> { new(from.Code, "Transaction fee", from.Scale, offer.TransactionFee, FeeTypes.TransactionFee) };
        AddIfCharged(lines, from, "Network fee", offer.NetworkFee, FeeTypes.NetworkFee);
        AddIfCharged(lines, from, "Additional fee", offer.AdditionalFee, FeeTypes.AdditionalFee);
        AddIfCharged(lines, from, "Partner fee", offer.PartnerFee, FeeTypes.PartnerFee);
        return lines;
    }

    private static void AddIfCharged(List<FeeInfo> lines, Currency from, string name, decimal value, string type)
    {
        if (value != 0)
        {
            lines.Add(new FeeInfo(from.Code, name, from.Scale, value, type));
        }
    }
}

public sealed record FeeInfo(string Currency, string Name, int Scale, decimal Value, string Type);

public sealed record LimitInfo(decimal Value, string Currency);
