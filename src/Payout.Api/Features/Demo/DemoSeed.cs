using Payout.Api.Domain;
using Payout.Api.Features.Customers;
using Payout.Api.Features.Ledger;

namespace Payout.Api.Features.Demo;

/// <summary>The demo data of spec §11, written through the same code paths as the operator API.</summary>
public static class DemoSeed
{
    public const string Phone = "+447871239999";
    public const string Password = "1234Qwerty";

    public static readonly IReadOnlyDictionary<string, decimal> Balances = new Dictionary<string, decimal>
    {
        ["BTC"] = 0.5m,
        ["ETH"] = 5m,
        ["LTC"] = 20m,
        ["BCH"] = 5m,
        ["XRP"] = 3_000m,
        ["USDT"] = 5_000m,
        ["USDC"] = 5_000m,
        ["DAI"] = 5_000m,
    };

    /// <summary>What the demo installation holds at the sandbox network, so demo payouts can be paid.</summary>
    public const decimal DemoFloat = 1_000_000m;

    /// <summary>
    /// Only on an empty database. Safe when several processes start at once: the unique phone lets one
    /// create the customer, and the deposits' references credit once.
    /// </summary>
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var registry = scope.ServiceProvider.GetRequiredService<CustomerRegistry>();
        if (await registry.AnyAsync(cancellationToken))
        {
            return;
        }

        var created = await registry.CreateAsync(MerchantDirectory.DemoMerchantId, Phone, Password, KycLevel.KYC_1, cancellationToken);
        if (!created.IsSuccess)
        {
            return;
        }

        var customer = created.Value;

        var transfers = scope.ServiceProvider.GetRequiredService<ExternalTransfers>();
        foreach (var (currency, amount) in Balances)
        {
            await transfers.ApplyAsync(customer.Id, currency, amount, $"demo-seed:{customer.Id}:{currency}", cancellationToken);
        }

        foreach (var fiat in new[] { "EUR", "USD" })
        {
            await transfers.ApplyAsync(null, fiat, DemoFloat, $"demo-seed:float:{fiat}", cancellationToken);
        }
    }
}
