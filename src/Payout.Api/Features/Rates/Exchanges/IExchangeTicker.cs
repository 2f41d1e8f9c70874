namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>One exchange's public ticker API: an I/O boundary, one implementation per exchange.</summary>
public interface IExchangeTicker
{
    /// <summary>The exchange's name in metrics, logs and health (see <see cref="ExchangeNames"/>).</summary>
    string Name { get; }

    /// <summary>The exchange's symbol for our pair, or null when it does not list the pair.</summary>
    ExchangeSymbol? SymbolFor(string from, string to);

    /// <summary>The last traded price of <paramref name="symbol"/>, as the exchange quotes it (not yet inverted).</summary>
    Task<TickerAnswer> FetchAsync(ExchangeSymbol symbol, CancellationToken cancellationToken);
}
