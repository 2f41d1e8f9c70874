using Payout.Api.Domain;

namespace Payout.Api.Infrastructure.Housekeeping;

/// <summary>Section <c>Housekeeping</c>: the purge of rows past their windows (<see cref="HousekeepingWorker"/>).</summary>
public sealed class HousekeepingOptions : ISelfValidatingOptions
{
    public const string SectionName = "Housekeeping";

    /// <summary>Run the purge in this process (one process runs it per interval; the others skip it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the purge runs, on the service clock; also how long a process holds it.</summary>
    public int IntervalMinutes { get; set; } = 10;

    /// <summary>How often each process looks whether the purge is due (real time).</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>Rows deleted per statement: short transactions that never hold a table for long.</summary>
    public int BatchSize { get; set; } = 1000;

    public TimeSpan Interval => TimeSpan.FromMinutes(IntervalMinutes);

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (IntervalMinutes is < 1 or > 1440)
        {
            errors.Add("Housekeeping:IntervalMinutes must be between 1 and 1440.");
        }

        if (PollSeconds is < 1 or > 3600)
        {
            errors.Add("Housekeeping:PollSeconds must be between 1 and 3600.");
        }

        if (BatchSize is < 1 or > 100_000)
        {
            errors.Add("Housekeeping:BatchSize must be between 1 and 100000.");
        }

        return errors;
    }
}
