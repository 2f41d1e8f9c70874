using Payout.Api.Features.Ledger;

namespace Payout.Api.Features.Admin;

public static class CheckLedger
{
    public sealed record Response(bool Holds, IReadOnlyList<string> Violations);

    public static async Task<Response> HandleAsync(LedgerInvariant invariant, CancellationToken cancellationToken)
    {
        var violations = await invariant.FindViolationsAsync(cancellationToken);
        return new Response(violations.Count == 0, violations);
    }
}
