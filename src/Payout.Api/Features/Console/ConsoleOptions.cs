using Payout.Api.Domain;

namespace Payout.Api.Features.Console;

/// <summary>Section <c>Console</c>: the operator console's session and its warnings.</summary>
public sealed class ConsoleOptions : ISelfValidatingOptions
{
    public const string SectionName = "Console";

    /// <summary>A console session ends after this long without a request (sliding).</summary>
    public int IdleMinutes { get; set; } = 20;

    /// <summary>The dashboard warns when a fiat float's available balance is below this (in that fiat).</summary>
    public decimal LowFloatBelow { get; set; } = 10_000m;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (IdleMinutes is < 1 or > 720)
        {
            errors.Add("Console:IdleMinutes must be 1 to 720.");
        }

        if (LowFloatBelow < 0)
        {
            errors.Add("Console:LowFloatBelow must be 0 or more.");
        }

        return errors;
    }
}
