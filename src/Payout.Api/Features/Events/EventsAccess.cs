using Payout.Api.Domain.Errors;
using Payout.Api.Features.Admin;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Features.Events;

/// <summary>
/// Who may read events: a merchant with its key (<c>X-Merchant-Key</c>), its own only; or the operator, as everywhere
/// under <c>/admin/v1</c> (<see cref="OperatorAccess"/>: the operator's key wins when both headers are sent).
/// </summary>
public static class EventsAccess
{
    public static readonly string MerchantKeyHeader = ApiKeyRequirement.Merchant.HeaderName;
    private const string MerchantItem = "payout.events.merchant";

    /// <summary>The merchant whose key opened the request; null for the operator.</summary>
    public static Guid? MerchantOf(HttpContext http) => http.Items[MerchantItem] as Guid?;

    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.Request.Headers.ContainsKey(AdminApi.KeyHeader) || !http.Request.Headers.TryGetValue(MerchantKeyHeader, out var key))
        {
            return await OperatorAccess.FilterAsync(context, next);
        }

        if (http.RequestServices.GetRequiredService<MerchantCredentials>().MerchantOf(key.ToString()) is not { } merchant)
        {
            return new ApiError(ErrorCode.UNAUTHORIZED, $"A valid {MerchantKeyHeader} (or {AdminApi.KeyHeader}) header is required.");
        }

        http.Items[MerchantItem] = merchant;
        return await next(context);
    }
}
