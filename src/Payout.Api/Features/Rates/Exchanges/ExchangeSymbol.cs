namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// An exchange's name for one of our pairs. <see cref="Inverted"/>: the exchange quotes the pair the other way
/// round (e.g. Binance's <c>EURUSDT</c> is USDT per EUR), so its price is turned into 1 ÷ price.
/// </summary>
public sealed record ExchangeSymbol(string Symbol, bool Inverted = false);
