namespace Payout.Api.Security;

public static class KeysSetup
{
    /// <summary>
    /// The key store, loaded while the host is built (<see cref="KeysOptions.LoadFrom"/>), so a missing key stops the start.
    /// The embedded default (SQLite) creates missing keys; a shared installation must be given them.
    /// </summary>
    public static IServiceCollection AddPayoutKeys(
        this IServiceCollection services, IConfiguration configuration, string contentRoot, bool embeddedDefault)
    {
        var keys = KeysOptions.LoadFrom(configuration, contentRoot, embeddedDefault);
        // Built now too: a receipt-signing file that holds no valid P-256 key stops the start.
        return services.AddSingleton(keys).AddSingleton(new ReceiptKeys(keys));
    }
}
