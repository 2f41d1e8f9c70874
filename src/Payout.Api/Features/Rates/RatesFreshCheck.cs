using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Rates;

namespace Payout.Api.Features.Rates;

/// <summary>
/// Healthy while the rate source's rate for the first configured pair is within <c>Rates:MaxAgeSeconds</c>:
/// the rule that decides whether a quote can be made (spec §6). One pair stands for the feed.
/// </summary>
internal sealed class RatesFreshCheck(IRateSource rates, CurrencyCatalog currencies, IOptions<RatesOptions> options, TimeProvider clock)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        var pairs = settings.QuotedPairs(currencies).Take(1).Select(pair => (From: pair.From.Code, To: pair.To.Code)).ToList();
        if (pairs is not [var (from, to)])
        {
            return HealthCheckResult.Unhealthy("No pair has a configured rate.");
        }

        var rate = await rates.GetAsync(from, to, cancellationToken);
        var now = clock.GetUtcNow();
        if (rate is null)
        {
            return HealthCheckResult.Unhealthy((rates as IRateSourceDiagnostics)?.WhyUnavailable(from, to, now) is { } why
                ? $"The {from}/{to} rate is unavailable: {why}"
                : $"The rate source has no {from}/{to} rate.");
        }

        var age = string.Create(CultureInfo.InvariantCulture, $"The {from}/{to} rate is {(now - rate.ObservedAt).TotalSeconds:0} s old (at most {settings.MaxAgeSeconds} s).");
        return CustomerRates.IsFresh(rate, settings.MaxAge, now) ? HealthCheckResult.Healthy(age) : HealthCheckResult.Unhealthy(age);
    }
}
