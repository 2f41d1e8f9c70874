namespace Payout.Api.Features.Rates;

/// <summary><c>Rates:Source</c>: where market rates come from.</summary>
public enum RateSourceKind
{
    /// <summary>The figures in <c>Rates:Market</c>, always fresh (the embedded default: it calls nothing).</summary>
    Static,

    /// <summary>The median of several exchanges' public tickers, polled in the background.</summary>
    Exchanges,
}
