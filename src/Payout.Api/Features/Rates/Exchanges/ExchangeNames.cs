namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>The exchanges PayOut can read, by the name used in metrics, logs and health descriptions.</summary>
public static class ExchangeNames
{
    public const string Kraken = "kraken";
    public const string Coinbase = "coinbase";
    public const string Bitstamp = "bitstamp";
    public const string Binance = "binance";

    public static IReadOnlyList<string> All { get; } = [Kraken, Coinbase, Bitstamp, Binance];
}
