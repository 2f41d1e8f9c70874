using Microsoft.AspNetCore.Identity;
using Payout.Api.Domain.Money;
using Payout.Api.Features.Admin;
using Payout.Api.Configuration;
using Payout.Api.Features.Auth;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Offers;
using Payout.Api.Features.Payouts;
using Payout.Api.Features.Payouts.Network;
using Payout.Api.Features.Rates;
using Payout.Api.Features.Customers;
using Payout.Api.Features.Demo;
using Payout.Api.Features.Ledger;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Http;
using Payout.Api.Infrastructure.Idempotency;
using Payout.Api.Infrastructure.Observability;
using Payout.Api.Infrastructure.Persistence;
using Payout.Api.Security;

namespace Payout.Api;

/// <summary>Registers every part of the service; Program.cs stays a few lines.</summary>
public static class ServiceSetup
{
    public static WebApplicationBuilder AddPayoutServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddErrorHandling();
        services.AddStrictJson();
        services.AddPayoutOpenApi();
        services.AddPayoutRateLimiting(builder.Configuration);
        builder.AddPayoutTelemetry();
        services.AddPayoutHealthChecks();
        builder.AddPayoutDatabase();
        // First of the hosted services: they start in order, so the dispatcher never polls an unmigrated database.
        services.AddHostedService<DatabaseInitializer>();
        var embeddedDefault = builder.Configuration.ReadDatabaseOptions().Provider == DatabaseProvider.Sqlite;
        services.AddSingleton(KeysOptions.LoadFrom(builder.Configuration, builder.Environment.ContentRootPath, embeddedDefault));
        services.AddPayoutAuth();
        services.AddScoped<IdempotencyKeys.IdempotencyStore>();
        services.AddCards();
        services.AddOffers();
        services.AddPayouts();
        services.AddPayoutNetwork(builder.Configuration);
        services.AddSingleton<IRateSource, ConfiguredRateSource>();
        services.AddSelfValidatingOptions<PayoutOptions>(builder.Configuration, PayoutOptions.SectionName);
        services.AddSelfValidatingOptions<FeeOptions>(builder.Configuration, FeeOptions.SectionName);
        services.AddSelfValidatingOptions<RatesOptions>(builder.Configuration, RatesOptions.SectionName);

        services.AddSingleton(CurrencyCatalog.Default);
        services.AddSelfValidatingOptions<LedgerOptions>(builder.Configuration, LedgerOptions.SectionName);
        services.AddSingleton<HouseShardPicker>();
        services.AddScoped<LedgerWriter>();
        services.AddScoped<LedgerReader>();
        services.AddScoped<LedgerInvariant>();
        services.AddScoped<ExternalTransfers>();

        var demo = DemoOptions.SeedEnabled(builder.Configuration);
        services.AddSingleton(sp => new MerchantDirectory(
            builder.Configuration.GetSection("Merchants").Get<List<MerchantOptions>>() ?? [],
            demo));
        services.AddScoped<CustomerRegistry>();
        services.AddSingleton<IPasswordHasher<Customer>, PasswordHasher<Customer>>();
        services.AddOptions<PasswordHasherOptions>().BindConfiguration("Auth:PasswordHasher");

        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .PostConfigure(o => o.ApiKey ??= demo ? AdminOptions.DemoApiKey : null)
            .Validate(o => o.ApiKey is { Length: >= 16 }, "Admin:ApiKey (Admin__ApiKey) must be set, at least 16 characters.")
            .ValidateOnStart();
        return builder;
    }

    public static WebApplication UsePayoutPipeline(this WebApplication app)
    {
        app.UseErrorHandling();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UsePayoutRateLimiting();
        app.UseIdempotencyKeys();
        app.MapAuthApi();
        app.MapPayoutApi();
        app.MapPayoutNetwork();
        app.MapAdminApi();
        app.MapPayoutOpenApi();
        app.MapPayoutHealthChecks();
        app.MapPayoutMetrics();
        return app;
    }
}
