using System.Globalization;
using Payout.Api.Domain;

namespace Payout.Api.Features.Reconciliation;

/// <summary>Section <c>Reconciliation</c>: when each process looks for a finished day to reconcile, and how long one holds it.</summary>
public sealed class ReconciliationOptions : ISelfValidatingOptions
{
    public const string SectionName = "Reconciliation";

    /// <summary>Run the background job in this process (any number of processes may; one runs a given day).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A day is reconciled this long after it ends: late callbacks have landed, and the network has paid what it
    /// paid around midnight.
    /// </summary>
    public int RunAfterMinutes { get; set; } = 30;

    /// <summary>How often the job looks for a day to run (real time; "due" is judged by the service's clock).</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>How many finished days the job looks back over, so days missed while no process ran are caught up.</summary>
    public int CatchUpDays { get; set; } = 7;

    /// <summary>How long one process holds a day; a process that died holding it loses it after this.</summary>
    public int LeaseSeconds { get; set; } = 300;

    public TimeSpan RunAfter => TimeSpan.FromMinutes(RunAfterMinutes);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(errors, nameof(RunAfterMinutes), RunAfterMinutes, 0, 24 * 60);
        Check(errors, nameof(PollSeconds), PollSeconds, 1, 3_600);
        Check(errors, nameof(CatchUpDays), CatchUpDays, 1, 366);
        Check(errors, nameof(LeaseSeconds), LeaseSeconds, 10, 86_400);
        return errors;
    }

    private static void Check(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{SectionName}:{name} must be {min} to {max} (is {value})."));
        }
    }
}
