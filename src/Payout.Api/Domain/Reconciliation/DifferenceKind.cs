namespace Payout.Api.Domain.Reconciliation;

public enum DifferenceKind
{
    /// <summary>The network's file has a payment we did not settle as SUCCESS within a day of it (or a second payment of one).</summary>
    PAID_NOT_SETTLED,

    /// <summary>We settled a payout as SUCCESS that no file within a day of the settlement pays.</summary>
    SETTLED_NOT_PAID,

    /// <summary>Both sides have the payout, with different amounts (or currencies).</summary>
    AMOUNT_MISMATCH,
}
