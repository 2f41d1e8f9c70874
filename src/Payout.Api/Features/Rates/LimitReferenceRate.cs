using Microsoft.Extensions.Options;
using Payout.Api.Domain.Limits;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Rates;
using Payout.Api.Features.Rates.Exchanges;

namespace Payout.Api.Features.Rates;

/// <summary>
/// EUR per one unit of a payout's fiat, for counting it against the EUR KYC limit: <c>Rates:UsdToEurReferenceRate</c>
/// for USD, or, with <c>Rates:UsdToEurFromExchanges</c>, the rate source's live USD/EUR rate under the same freshness
/// rule as any quote (null while it is unavailable: USD is then not quoted).
/// </summary>
public sealed class LimitReferenceRate(
    IRateSource rates, IOptions<RatesOptions> options, IOptions<ExchangeRatesOptions> live, TimeProvider clock)
{
    public async ValueTask<decimal?> EurPerUnitAsync(Currency fiat, CancellationToken cancellationToken)
    {
        if (fiat.Code != KycLimits.Usd || !live.Value.UsdToEurFromExchanges)
        {
            return KycLimits.EurPerUnit(fiat, options.Value);
        }

        var rate = await rates.GetAsync(KycLimits.Usd, KycLimits.Eur, cancellationToken);
        return rate is not null && CustomerRates.IsFresh(rate, options.Value.MaxAge, clock.GetUtcNow()) ? rate.Value : null;
    }
}
