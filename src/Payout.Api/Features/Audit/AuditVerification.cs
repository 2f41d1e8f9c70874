namespace Payout.Api.Features.Audit;

/// <summary>
/// The answer of <c>GET /admin/v1/audit/verify</c>: whether the chain holds over its <see cref="Rows"/> rows; when it does
/// not, the first sequence where it breaks and why.
/// </summary>
public sealed record AuditVerification(bool Holds, long Rows, long? BrokenAt = null, string? Problem = null);
