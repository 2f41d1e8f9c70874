using Microsoft.Extensions.Options;

namespace Payout.Sandbox;

/// <summary>Settings of the sandbox network, configuration section <c>Sandbox</c> (environment: <c>Sandbox__ApiKey</c>, …).</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Sandbox";

    /// <summary>Known to everyone who reads the README: fine on a laptop, a warning is logged when it is in use.</summary>
    public const string DevApiKey = "sandbox-key-change-me-0123";

    public const string DevCallbackSecret = "sandbox-callback-secret-change-me";

    /// <summary>The bearer key every request must carry.</summary>
    public string ApiKey { get; set; } = DevApiKey;

    /// <summary>HMAC-SHA256 key for the <c>X-Sandbox-Signature</c> of callbacks.</summary>
    public string CallbackSecret { get; set; } = DevCallbackSecret;

    /// <summary>Where callbacks go when a create request gives no <c>callbackUrl</c>; null or empty = no callback.</summary>
    public string? CallbackUrl { get; set; }

    /// <summary>How long a PENDING payout waits before it becomes PAID or DECLINED.</summary>
    public int PendingDelaySeconds { get; set; } = 3;

    /// <summary>How many create attempts for a "transient" card's payoutId answer 503 before it is paid.</summary>
    public int TransientFailures { get; set; } = 3;

    /// <summary>How long the "lost response" and "no answer" cards keep the caller waiting.</summary>
    public int HangSeconds { get; set; } = 30;

    /// <summary>Callback deliveries per payout, the first one included.</summary>
    public int CallbackMaxAttempts { get; set; } = 8;

    // Empty counts as unset: an environment variable cannot say null.
    public Uri? DefaultCallbackUri => string.IsNullOrWhiteSpace(CallbackUrl) ? null : new Uri(CallbackUrl, UriKind.Absolute);

    public bool UsesDevSecrets =>
        ApiKey == DevApiKey || CallbackSecret == DevCallbackSecret;

    /// <summary>One message per broken rule; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ApiKey is not { Length: >= 16 })
        {
            errors.Add("Sandbox:ApiKey (Sandbox__ApiKey) must be at least 16 characters.");
        }

        if (CallbackSecret is not { Length: >= 16 })
        {
            errors.Add("Sandbox:CallbackSecret (Sandbox__CallbackSecret) must be at least 16 characters.");
        }

        if (!string.IsNullOrWhiteSpace(CallbackUrl) && !IsHttpUrl(CallbackUrl))
        {
            errors.Add("Sandbox:CallbackUrl must be an absolute http or https URL.");
        }

        AddIfOutside(errors, nameof(PendingDelaySeconds), PendingDelaySeconds, 0, 3600);
        AddIfOutside(errors, nameof(TransientFailures), TransientFailures, 0, 100);
        AddIfOutside(errors, nameof(HangSeconds), HangSeconds, 0, 3600);
        AddIfOutside(errors, nameof(CallbackMaxAttempts), CallbackMaxAttempts, 1, 100);
        return errors;
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void AddIfOutside(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add($"Sandbox:{name} must be between {min} and {max}.");
        }
    }
}

/// <summary>Runs <see cref="SandboxOptions.Validate"/> on start, so a bad setting stops the app instead of the first payout.</summary>
internal sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
