namespace Payout.Api.Features.Reconciliation;

public enum RunOutcome
{
    /// <summary>The day was reconciled now and its result stored.</summary>
    Checked,

    /// <summary>The day already has a result and this was not a re-run.</summary>
    AlreadyChecked,

    /// <summary>Another process holds the day's lease (it is running it now).</summary>
    HeldElsewhere,
}
