using Payout.Api.Features.Audit;
using Payout.Api.Features.Reconciliation;
using Payout.Api.Features.Reports;
using Payout.Api.Infrastructure.Http;
using Payout.Api.Infrastructure.Idempotency;

namespace Payout.Api.Features.Admin;

/// <summary>The operator API of spec §12, behind <c>X-Admin-Key</c> (or a console session, see <see cref="OperatorAccess"/>).</summary>
public static class AdminApi
{
    public static readonly string KeyHeader = ApiKeyRequirement.Admin.HeaderName;

    /// <summary>The operator's key (section <c>Admin</c>); the embedded default has a demo key so the README works as is.</summary>
    public static IServiceCollection AddAdmin(this IServiceCollection services, bool demo)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .PostConfigure(o => o.ApiKey ??= demo ? AdminOptions.DemoApiKey : null)
            .Validate(o => o.ApiKey is { Length: >= 16 }, "Admin:ApiKey (Admin__ApiKey) must be set, at least 16 characters.")
            .ValidateOnStart();
        services.AddSingleton<OperatorActions>();
        services.AddSingleton<IOperatorActionLog, LoggedOperatorActions>();
        services.AddSingleton<IOperatorActionLog, AuditedOperatorActions>();
        return services;
    }

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapOperatorGroup();
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
        group.MapGet("/customers/{customerId:long}", CustomerDetail.HandleAsync);
        group.MapGet("/payouts", ListPayouts.HandleAsync);
        group.MapGet("/payouts/{operationId:long}", PayoutTimeline.HandleAsync);
        group.MapPost("/payouts/{operationId:long}/ask-network", StuckPayoutActions.AskAgainAsync);
        group.MapPost("/payouts/{operationId:long}/fail", StuckPayoutActions.FailWithRefundAsync);
        group.MapAuditApi();
        return app;
    }

    /// <summary>
    /// A route group of the operator API: the key, or an operator session with its CSRF token (<see cref="OperatorAccess"/>);
    /// every call is handed to <see cref="OperatorActions"/>. Later features map their operator routes on one too.
    /// </summary>
    public static RouteGroupBuilder MapOperatorGroup(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/v1").AddEndpointFilter(OperatorAccess.FilterAsync).WithMetadata(ApiKeyRequirement.Admin).WithTags("Admin");
        // After every other convention, so each route's methods are known.
        ((IEndpointConventionBuilder)group).Finally(OperatorAccess.DeclareErrors);
        return group;
    }
}
