namespace Payout.Api.Features.Audit;

/// <summary><c>GET /admin/v1/audit/verify</c>: walks the whole chain (<see cref="AuditVerifier"/>).</summary>
public static class VerifyAuditTrail
{
    public static Task<AuditVerification> HandleAsync(AuditVerifier verifier, CancellationToken cancellationToken) =>
        verifier.VerifyAsync(cancellationToken);
}
