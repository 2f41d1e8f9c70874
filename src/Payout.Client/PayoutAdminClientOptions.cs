namespace Payout.Client;

/// <summary>Settings of a <see cref="PayoutAdminClient"/>.</summary>
public sealed class PayoutAdminClientOptions
{
    /// <summary>The API's root; when null, the <see cref="HttpClient.BaseAddress"/> of the injected client is used.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The operator's key (<c>Admin:ApiKey</c> on the server), sent as <c>X-Admin-Key</c>. Keep it out of apps.</summary>
    public string ApiKey { get; set; } = "";
}
