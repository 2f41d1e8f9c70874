namespace Payout.Api.Features.Reconciliation;

public enum ReconciliationStatus
{
    NOT_RUN,
    MATCHED,
    DIFFERENCES,
}
