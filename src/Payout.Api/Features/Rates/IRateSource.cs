using Payout.Api.Domain.Rates;

namespace Payout.Api.Features.Rates;

/// <summary>Where market rates come from. An I/O boundary, so a live feed can replace the configured one.</summary>
public interface IRateSource
{
    /// <summary>The latest known rate for the pair, or null when the source has none.</summary>
    ValueTask<MarketRate?> GetAsync(string from, string to, CancellationToken ct);
}
