namespace Payout.Api.Domain.Money;

/// <summary>The currencies this installation knows, looked up by code (case-sensitive, upper case).</summary>
public sealed class CurrencyCatalog
{
    private readonly Dictionary<string, Currency> byCode;

    public CurrencyCatalog(IEnumerable<Currency> currencies)
    {
        byCode = currencies.ToDictionary(c => c.Code, StringComparer.Ordinal);
    }

    public IEnumerable<Currency> All => byCode.Values;

    public IEnumerable<Currency> Crypto => byCode.Values.Where(c => c.Kind == CurrencyKind.Crypto);

    public IEnumerable<Currency> Fiat => byCode.Values.Where(c => c.Kind == CurrencyKind.Fiat);

    public bool TryGet(string? code, out Currency currency)
    {
        if (code is not null && byCode.TryGetValue(code, out var found))
        {
            currency = found;
            return true;
        }

        currency = null!;
        return false;
    }

    public Currency Get(string code) =>
        byCode.TryGetValue(code, out var currency)
            ? currency
            : throw new KeyNotFoundException($"Unknown currency {code}.");

    public static CurrencyCatalog Default { get; } = new(
        new[] { "BTC", "ETH", "LTC", "BCH", "XRP", "USDT", "USDC", "DAI" }
            .Select(code => new Currency(code, 8, CurrencyKind.Crypto))
            .Concat(new[] { "EUR", "USD" }.Select(code => new Currency(code, 2, CurrencyKind.Fiat))));
}
