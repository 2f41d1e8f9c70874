using System.Globalization;
using Payout.Api.Domain;
using Payout.Api.Domain.Rates;

namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// The live-rates part of section <c>Rates</c> (the static part is <see cref="RatesOptions"/>, bound to the same
/// section). With <c>Rates:Source=Exchanges</c> every pair is the median of the exchanges that answered within
/// <c>Rates:MaxAgeSeconds</c>, once at least <see cref="MinAgreeingExchanges"/> of them are within
/// <see cref="OutlierPercent"/> of their median.
/// </summary>
public sealed class ExchangeRatesOptions : ISelfValidatingOptions
{
    public const string SectionName = "Rates";

    public RateSourceKind Source { get; set; } = RateSourceKind.Static;

    /// <summary>An exchange further than this from the median of the fresh quotes (in percent) is dropped and counted.</summary>
    public decimal OutlierPercent { get; set; } = 2m;

    /// <summary>How many exchanges must agree before a pair is quoted; fewer → the pair is unavailable (503).</summary>
    public int MinAgreeingExchanges { get; set; } = 2;

    /// <summary>
    /// Take the USD→EUR figure for the KYC limit from the exchanges (EUR/USD at Kraken and Bitstamp) instead of
    /// <c>Rates:UsdToEurReferenceRate</c>. While that rate is unavailable, USD pairs are not quoted.
    /// </summary>
    public bool UsdToEurFromExchanges { get; set; }

    public ExchangesOptions Exchanges { get; set; } = new();

    public bool IsLive => Source == RateSourceKind.Exchanges;

    public TimeSpan PollInterval => TimeSpan.FromSeconds(Exchanges.PollIntervalSeconds);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (OutlierPercent is <= 0 or >= 100)
        {
            errors.Add(Invariant($"Rates:OutlierPercent must be greater than 0 and less than 100 (is {OutlierPercent})."));
        }

        if (MinAgreeingExchanges < 2)
        {
            errors.Add(Invariant($"Rates:MinAgreeingExchanges must be at least 2 (is {MinAgreeingExchanges}): one exchange cannot be checked."));
        }

        if (UsdToEurFromExchanges && !IsLive)
        {
            errors.Add("Rates:UsdToEurFromExchanges needs Rates:Source=Exchanges.");
        }

        if (IsLive)
        {
            ValidateExchanges(errors);
        }

        return errors;
    }

    private void ValidateExchanges(List<string> errors)
    {
        var polling = Exchanges;
        if (polling.PollIntervalSeconds <= 0)
        {
            errors.Add("Rates:Exchanges:PollIntervalSeconds must be greater than 0.");
        }

        if (polling.RequestTimeoutMilliseconds is < 10 or > 120_000)
        {
            errors.Add("Rates:Exchanges:RequestTimeoutMilliseconds must be between 10 and 120000.");
        }

        if (polling.MaxConcurrentRequests < 1)
        {
            errors.Add("Rates:Exchanges:MaxConcurrentRequests must be at least 1.");
        }

        if (polling.BreakSeconds < 1)
        {
            errors.Add("Rates:Exchanges:BreakSeconds must be at least 1.");
        }

        var enabled = 0;
        foreach (var (name, endpoint) in polling.ByName)
        {
            if (!endpoint.Enabled)
            {
                continue;
            }

            enabled++;
            if (!Uri.TryCreate(endpoint.BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                errors.Add(Invariant($"Rates:Exchanges:{Capitalized(name)}:BaseUrl must be an absolute http(s) URL (is '{endpoint.BaseUrl}')."));
            }
        }

        if (enabled < MinAgreeingExchanges)
        {
            errors.Add(Invariant($"Rates:Source=Exchanges needs at least {MinAgreeingExchanges} enabled exchanges (Rates:MinAgreeingExchanges); {enabled} are enabled."));
        }
    }

    private static string Capitalized(string name) => string.Concat(name[..1].ToUpperInvariant(), name[1..]);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
