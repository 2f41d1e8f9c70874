using System.Globalization;
using Payout.Api.Domain.Money;

namespace Payout.Api.Domain.Rates;

/// <summary>
/// Section <c>Rates</c>. Market rates are nested by currency because ':' separates configuration sections:
/// <c>Rates:Market:BTC:EUR = 86000</c> (environment: <c>Rates__Market__BTC__EUR</c>). Configured values are
/// merged over the built-in defaults, so the service quotes every default pair with no configuration at all.
/// The spread is not here: it is a fee (<c>Fees:Spread</c>).
/// </summary>
public sealed class RatesOptions : ISelfValidatingOptions
{
    public const string SectionName = "Rates";

    /// <summary>A rate observed longer ago than this is not quoted (503 RATE_UNAVAILABLE).</summary>
    public int MaxAgeSeconds { get; set; } = 60;

    /// <summary>
    /// EUR per one USD, used only to count USD payouts against the EUR KYC limit (spec §7). Not a trading rate.
    /// </summary>
    public decimal UsdToEurReferenceRate { get; set; } = 0.92m;

    /// <summary>Market rate, fiat per one unit of crypto, as <c>Market[crypto][fiat]</c>.</summary>
    public Dictionary<string, Dictionary<string, decimal>> Market { get; set; } = DefaultMarket();

    public TimeSpan MaxAge => TimeSpan.FromSeconds(MaxAgeSeconds);

    /// <summary>The configured market rate for a pair (codes compared without regard to case), or null.</summary>
    public decimal? MarketRateFor(string from, string to)
    {
        // Scanned rather than indexed: configuration keys are case-insensitive, but a dictionary the binder
        // creates for a pair that is not among the defaults compares keys ordinally.
        foreach (var (crypto, quotes) in Market)
        {
            if (!string.Equals(crypto, from, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var (fiat, rate) in quotes)
            {
                if (string.Equals(fiat, to, StringComparison.OrdinalIgnoreCase))
                {
                    return rate;
                }
            }
        }

        return null;
    }

    /// <summary>The crypto → fiat pairs of <paramref name="catalog"/> that have a configured market rate: the pairs we quote.</summary>
    public IEnumerable<(Currency From, Currency To)> QuotedPairs(CurrencyCatalog catalog) =>
        catalog.Crypto
            .SelectMany(from => catalog.Fiat.Select(to => (From: from, To: to)))
            .Where(pair => MarketRateFor(pair.From.Code, pair.To.Code) is not null);

    /// <summary>
    /// Crypto-to-fiat pairs of <paramref name="catalog"/> that have no configured rate, as "BTC:EUR".
    /// Kept apart from <see cref="Validate"/> because the catalog is configured elsewhere; wire it into the start-up check.
    /// </summary>
    public IReadOnlyList<string> MissingPairs(CurrencyCatalog catalog) =>
        catalog.Crypto
            .SelectMany(from => catalog.Fiat.Select(to => (From: from.Code, To: to.Code)))
            .Where(pair => MarketRateFor(pair.From, pair.To) is null)
            .Select(pair => $"{pair.From}:{pair.To}")
            .ToList();

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MaxAgeSeconds <= 0)
        {
            errors.Add("Rates:MaxAgeSeconds must be greater than 0.");
        }

        if (UsdToEurReferenceRate <= 0)
        {
            errors.Add("Rates:UsdToEurReferenceRate must be greater than 0.");
        }

        foreach (var (from, quotes) in Market)
        {
            foreach (var (to, rate) in quotes)
            {
                if (rate <= 0)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"Rates:Market:{from}:{to} must be greater than 0 (is {rate})."));
                }
            }
        }

        return errors;
    }

    /// <summary>Plausible late-2026 figures, EUR ≈ 0.92 USD; stablecoins at their peg.</summary>
    private static Dictionary<string, Dictionary<string, decimal>> DefaultMarket() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["BTC"] = Quotes(eur: 86_000m, usd: 93_500m),
        ["ETH"] = Quotes(eur: 3_100m, usd: 3_370m),
        ["LTC"] = Quotes(eur: 92m, usd: 100m),
        ["BCH"] = Quotes(eur: 460m, usd: 500m),
        ["XRP"] = Quotes(eur: 2.05m, usd: 2.23m),
        ["USDT"] = Quotes(eur: 0.92m, usd: 1m),
        ["USDC"] = Quotes(eur: 0.92m, usd: 1m),
        ["DAI"] = Quotes(eur: 0.92m, usd: 1m),
    };

    private static Dictionary<string, decimal> Quotes(decimal eur, decimal usd) =>
        new(StringComparer.OrdinalIgnoreCase) { ["EUR"] = eur, ["USD"] = usd };
}
