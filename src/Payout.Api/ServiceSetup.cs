using Payout.Api.Configuration;
using Payout.Api.Features.Admin;
using Payout.Api.Features.Audit;
using Payout.Api.Features.Auth;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Console;
using Payout.Api.Features.Customers;
using Payout.Api.Features.Demo;
using Payout.Api.Features.Events;
using Payout.Api.Features.Ledger;
using Payout.Api.Features.Offers;
using Payout.Api.Features.Payouts;
using Payout.Api.Features.Payouts.Network;
using Payout.Api.Features.Rates;
using Payout.Api.Features.Reconciliation;
using Payout.Api.Features.Reports;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Housekeeping;
using Payout.Api.Infrastructure.Http;
using Payout.Api.Infrastructure.Idempotency;
using Payout.Api.Infrastructure.Observability;
using Payout.Api.Infrastructure.Persistence;
using Payout.Api.Security;

namespace Payout.Api;

/// <summary>Registers every part of the service, one call per area; Program.cs stays a few lines.</summary>
public static class ServiceSetup
{
    public static WebApplicationBuilder AddPayoutServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        var demo = DemoOptions.SeedEnabled(configuration);
        // No "Server: Kestrel" banner: it tells an attacker nothing they need.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        services.AddSingleton(TimeProvider.System);
        services.AddErrorHandling();
        services.AddStrictJson();
        services.AddPayoutOpenApi();
        services.AddPayoutRateLimiting(configuration);
        services.AddTrustedProxies(configuration);
        builder.AddPayoutTelemetry();
        services.AddPayoutHealthChecks();
        builder.AddPayoutDatabase();
        // First of the hosted services: they start in order, so the dispatcher never polls an unmigrated database.
        services.AddHostedService<DatabaseInitializer>();
        var embeddedDefault = configuration.ReadDatabaseOptions().Provider == DatabaseProvider.Sqlite;
        services.AddPayoutKeys(configuration, builder.Environment.ContentRootPath, embeddedDefault);
        services.AddIdempotencyKeys();
        services.AddHousekeeping(configuration);
        services.AddBusinessRules(configuration);
        services.AddAudit();
        services.AddCustomers(configuration, withDemoMerchant: demo);
        services.AddPayoutAuth();
        services.AddLedger(configuration);
        services.AddRates(configuration);
        services.AddCards();
        services.AddOffers();
        services.AddPayouts(configuration);
        services.AddReports();
        services.AddReconciliation(configuration);
        services.AddAdmin(demo);
        services.AddEvents(configuration);
        services.AddOperatorConsole(configuration);
        return builder;
    }

    public static WebApplication UsePayoutPipeline(this WebApplication app)
    {
        app.UseTrustedProxies();
        app.UseSecurityHeaders();
        app.UseErrorHandling();
        app.UseStaticPages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePayoutRateLimiting();
        app.UseRequestRules();
        app.UseIdempotencyKeys();
        app.MapAuthApi();
        app.MapPayoutApi();
        app.MapReceiptKeys();
        app.MapPayoutNetwork();
        app.MapAdminApi();
        app.MapEventsApi();
        app.MapOperatorConsole();
        app.MapDemoApp();
        app.MapPayoutOpenApi();
        app.MapPayoutHealthChecks();
        app.MapPayoutMetrics();
        return app;
    }
}
