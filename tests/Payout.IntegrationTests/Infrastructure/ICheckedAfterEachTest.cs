namespace Payout.IntegrationTests.Infrastructure;

/// <summary>A test app whose soundness (the ledger invariant, above all) is checked after each test that used it.</summary>
public interface ICheckedAfterEachTest
{
    /// <summary>Fails (an xunit assertion) when the app is no longer sound; does nothing once the app is disposed.</summary>
    Task AssertStillSoundAsync();
}
