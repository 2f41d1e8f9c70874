using Payout.Api.Domain;

namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// The signed-in customer, loaded once per request when the token is validated (Auth attaches it). Handlers take
/// it as a parameter; a handler without it cannot know who is calling, which keeps isolation explicit.
/// </summary>
public sealed record CurrentCustomer(long Id, Guid MerchantId, KycLevel KycLevel)
{
    private const string ItemKey = "payout.customer";

    public void Attach(HttpContext context) => context.Items[ItemKey] = this;

    public static CurrentCustomer? Of(HttpContext context) => context.Items[ItemKey] as CurrentCustomer;

    /// <summary>Minimal-API binding: only reached behind RequireAuthorization, which attached the customer.</summary>
    public static ValueTask<CurrentCustomer?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<CurrentCustomer?>(Of(context) ?? throw new InvalidOperationException("No signed-in customer on this endpoint."));
}
