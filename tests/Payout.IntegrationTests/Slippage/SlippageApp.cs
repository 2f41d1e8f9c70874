using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payout.Api.Domain.Rates;
using Payout.Api.Features.Rates;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Slippage;

/// <summary>The service with a USDT/EUR market a test can move, and a small cap on what the slippage band may cost.</summary>
public sealed class SlippageApp : PayoutApp
{
    public const decimal MaxExposureEur = 5m;

    /// <summary>The USDT/EUR market, as a multiple of the configured one (1: unmoved).</summary>
    public decimal UsdtEurMove { get; set; } = 1m;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Slippage:MaxExposureEur"] = MaxExposureEur.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.RemoveAll<IRateSource>();
        services.AddSingleton<IRateSource>(sp => new MovingUsdtEur(ActivatorUtilities.CreateInstance<ConfiguredRateSource>(sp), this));
    }

    private sealed class MovingUsdtEur(IRateSource inner, SlippageApp app) : IRateSource
    {
        public async ValueTask<MarketRate?> GetAsync(string from, string to, CancellationToken ct)
        {
            var rate = await inner.GetAsync(from, to, ct);
            return rate is not null && (from, to) == ("USDT", "EUR") ? rate with { Value = Math.Round(rate.Value * app.UsdtEurMove, 8) } : rate;
        }
    }
}
