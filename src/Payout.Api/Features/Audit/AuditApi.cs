namespace Payout.Api.Features.Audit;

/// <summary>
/// The audit trail (PCI DSS 10.2): security and money events by people, hash-chained. The lowest feature, so every other
/// one can write to it; its routes sit on the operator API's group.
/// </summary>
public static class AuditApi
{
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditSeal>();
        services.AddScoped<AuditActor>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditVerifier>();
        return services;
    }

    /// <summary>Maps the trail's routes on the operator group (its key check, and its record of the call, apply).</summary>
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", ListAuditEvents.HandleAsync);
        admin.MapGet("/audit/verify", VerifyAuditTrail.HandleAsync);
        return admin;
    }
}
