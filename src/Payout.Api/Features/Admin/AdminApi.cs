using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Payout.Api.Features.Reconciliation;
using Payout.Api.Features.Reports;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Http;
using Payout.Api.Infrastructure.Idempotency;

namespace Payout.Api.Features.Admin;

/// <summary>The operator API of spec §12, behind <c>X-Admin-Key</c>.</summary>
public static class AdminApi
{
    public const string KeyHeader = "X-Admin-Key";

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/v1").AddEndpointFilter(RequireAdminKey).WithMetadata(ApiKeyRequirement.Admin).WithTags("Admin");
        group.MapGet("/merchants", ListMerchants.Handle);
        group.MapPost("/customers", CreateCustomer.HandleAsync);
        group.MapGet("/customers", FindCustomers.HandleAsync);
        group.MapPut("/customers/{customerId:long}/kyc", ChangeKycLevel.HandleAsync);
        group.MapGet("/customers/{customerId:long}/balances", GetBalances.HandleAsync);
        group.MapPost("/customers/{customerId:long}/deposits", MoveFunds.DepositAsync).WithIdempotencyKey();
        group.MapPost("/customers/{customerId:long}/withdrawals", MoveFunds.WithdrawAsync).WithIdempotencyKey();
        group.MapGet("/ledger/invariant", CheckLedger.HandleAsync);
        group.MapGet("/network-float", NetworkFloat.ListAsync);
        group.MapPost("/network-float/{currency}/top-ups", NetworkFloat.TopUpAsync);
        group.MapGet("/payouts/stuck", StuckPayouts.HandleAsync);
        group.MapReportsApi();
        group.MapReconciliationApi();
        return app;
    }

    private static async ValueTask<object?> RequireAdminKey(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = context.HttpContext.RequestServices.GetRequiredService<IOptions<AdminOptions>>().Value.ApiKey;
        var given = context.HttpContext.Request.Headers[KeyHeader].ToString();
        return IsSameKey(expected, given)
            ? await next(context)
            : new ApiError(ErrorCode.UNAUTHORIZED, "A valid X-Admin-Key header is required.");
    }

    /// <summary>Constant-time, so the key cannot be guessed byte by byte from response times.</summary>
    private static bool IsSameKey(string? expected, string given) =>
        !string.IsNullOrEmpty(expected)
        && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)),
            SHA256.HashData(Encoding.UTF8.GetBytes(given)));
}
