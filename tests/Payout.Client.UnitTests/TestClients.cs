namespace Payout.Client.UnitTests;

public static class TestClients
{
    public static readonly Guid DemoMerchant = Guid.Parse("bece038f-2e46-49f4-b25e-89cd38d6dc16");
    public static readonly Uri BaseAddress = new("http://payout.test/");
    public static readonly TokenPair SignedIn = new("at-1", "rt-1");

    public static PayoutClientOptions Options(string sdkVersion = "1.2") =>
        new() { BaseAddress = BaseAddress, MerchantId = DemoMerchant, SdkVersion = sdkVersion };

    /// <summary>A client holding <see cref="SignedIn"/> tokens (or none), talking to the stub.</summary>
    public static PayoutClient Payout(StubHandler stub, TokenPair? tokens = null) =>
        new(new HttpClient(stub), Options(), tokens ?? SignedIn);

    public static PayoutClient SignedOut(StubHandler stub) => new(new HttpClient(stub), Options());
}
