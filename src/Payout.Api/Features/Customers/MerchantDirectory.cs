namespace Payout.Api.Features.Customers;

/// <summary>The partners customers belong to. They come from configuration (section <c>Merchants</c>).</summary>
public sealed class MerchantDirectory
{
    public static readonly Guid DemoMerchantId = Guid.Parse("bece038f-2e46-49f4-b25e-89cd38d6dc16");

    private readonly Dictionary<Guid, MerchantOptions> merchants;

    public MerchantDirectory(IEnumerable<MerchantOptions> configured, bool includeDemo)
    {
        merchants = configured.Where(m => m.Id != Guid.Empty).ToDictionary(m => m.Id);
        if (includeDemo)
        {
            merchants.TryAdd(DemoMerchantId, new MerchantOptions { Id = DemoMerchantId, Name = "PayOut demo merchant" });
        }
    }

    public IReadOnlyCollection<MerchantOptions> All => merchants.Values;

    public bool Exists(Guid merchantId) => merchants.ContainsKey(merchantId);
}
