namespace Payout.Api.Features.Admin;

public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>The operator's key for /admin/v1/* (header X-Admin-Key). At least 16 characters.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The embedded default's key when none is configured, so the README's curl works on a fresh clone.</summary>
    public const string DemoApiKey = "demo-admin-key-change-me";
}
