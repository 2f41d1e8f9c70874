namespace Payout.IntegrationTests.Rates;

/// <summary>How a fake exchange answers a ticker request.</summary>
public enum FakeBehaviour
{
    /// <summary>Its recorded ticker, at its price.</summary>
    Healthy,

    /// <summary>A CDN's 502 page: the exchange behind it is down.</summary>
    ServerError,

    /// <summary>The connection is dropped without an answer.</summary>
    Unreachable,

    /// <summary>Its own "too many requests" answer (Binance with Retry-After).</summary>
    RateLimited,

    /// <summary>No answer until the client gives up.</summary>
    Hang,

    /// <summary>Its ticker cut off half way: not JSON.</summary>
    Malformed,

    /// <summary>Its own "unknown pair" error.</summary>
    UnknownPair,

    /// <summary>Its ticker padded with whitespace past 64 KiB: still JSON, but far bigger than any ticker.</summary>
    Oversized,

    /// <summary>For a bitcoin pair, its ticker about ether in the same fiat: Kraken's key and Binance's symbol say so.</summary>
    OtherPair,

    /// <summary>Its ticker with a negative price.</summary>
    NegativePrice,
}
