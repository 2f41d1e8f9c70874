namespace Payout.Api.Domain;

/// <summary>
/// Settings that know their own rules. The rules live beside the values (and are unit-tested there) instead of in
/// data annotations, because most of ours compare several values (min ≤ max, fractions below 1).
/// Registered with <c>AddSelfValidatingOptions</c>, so a bad value stops the start.
/// </summary>
public interface ISelfValidatingOptions
{
    /// <summary>One human-readable message per broken rule; empty when the options are usable.</summary>
    IReadOnlyList<string> Validate();
}
