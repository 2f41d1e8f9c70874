namespace Payout.Api.Features.Rates;

/// <summary>
/// Implemented by a rate source whose pairs can be without a rate (the live exchanges): it explains why, for
/// <c>/health/ready</c>, and says when the pair last had one, so <c>payout_rates_age_seconds</c> keeps growing
/// while a pair is unavailable instead of going absent.
/// </summary>
public interface IRateSourceDiagnostics
{
    /// <summary>The observation time of the pair's last usable rate, or null when it never had one.</summary>
    DateTimeOffset? LastObservedAt(string from, string to);

    /// <summary>Why the pair has no rate at <paramref name="now"/> (without naming the pair), or null when it has one.</summary>
    string? WhyUnavailable(string from, string to, DateTimeOffset now);
}
