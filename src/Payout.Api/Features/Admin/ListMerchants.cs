using Payout.Api.Features.Customers;

namespace Payout.Api.Features.Admin;

public static class ListMerchants
{
    public sealed record MerchantResponse(Guid MerchantId, string Name);

    public sealed record Response(IReadOnlyList<MerchantResponse> Items);

    public static Response Handle(MerchantDirectory merchants) =>
        new(merchants.All.Select(m => new MerchantResponse(m.Id, m.Name)).ToList());
}
