using Payout.Api.Domain.Money;
using Payout.Api.Features.Rates;

namespace Payout.Api.Infrastructure.Observability;

/// <summary>The crypto → fiat pairs that have a configured market rate: the pairs the service quotes.</summary>
public static class RatePairs
{
    public static IEnumerable<(string From, string To)> Configured(CurrencyCatalog currencies, RatesOptions options) =>
        currencies.Crypto
            .SelectMany(from => currencies.Fiat.Select(to => (From: from.Code, To: to.Code)))
            .Where(pair => options.MarketRateFor(pair.From, pair.To) is not null);
}
