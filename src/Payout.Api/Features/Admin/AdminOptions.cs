namespace Payout.Api.Features.Admin;

public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The operator's key for /admin/v1/* (header X-Admin-Key). At least 16 characters.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Names the key in audit rows without revealing it: <c>sha256:</c> and the first 12 hex digits of its SHA-256, so
    /// after a key change the trail tells the old key's calls from the new one's.
    /// </summary>
    public string KeyId => ApiKey is null
        ? "none"
        : "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(ApiKey)))[..12];

    /// <summary>The embedded default's key when none is configured, so the README's curl works on a fresh clone.</summary>
    public const string DemoApiKey = "demo-admin-key-change-me";
}
