namespace Payout.UnitTests.Support;

/// <summary>A clock the test sets by hand (FakeTimeProvider is not referenced by this project).</summary>
public sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
