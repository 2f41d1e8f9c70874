using System.ComponentModel.DataAnnotations;

namespace Payout.Api.Features.Payouts.Network;

/// <summary>Section <c>PayoutNetwork</c>: where the card-payout network is and how patiently we talk to it.</summary>
public sealed class PayoutNetworkOptions : IValidatableObject
{
    public const string Section = "PayoutNetwork";
    public const string EmbeddedPrefix = "/sandbox-network";
    public const string CallbackPath = "/network/callbacks";
    public const string DevelopmentKey = "sandbox-key-change-me-0123";
    public const string DevelopmentCallbackSecret = "sandbox-callback-secret-change-me";

    public NetworkMode Mode { get; set; } = NetworkMode.Embedded;

    /// <summary>The network's base URL. Embedded: derived from this service's own address unless set.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The URL the network calls back; derived from this service's own address unless set.</summary>
    public Uri? CallbackUrl { get; set; }

    [Required]
    public string ApiKey { get; set; } = DevelopmentKey;

    [Required]
    public string CallbackSecret { get; set; } = DevelopmentCallbackSecret;

    /// <summary>One HTTP attempt; after it the network's client asks for the status instead of sending again.</summary>
    [Range(0.1, 120)]
    public double AttemptTimeoutSeconds { get; set; } = 5;

    /// <summary>Retries of a send the network refused with 5xx (safe: it deduplicates by our operation id).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>How long execute waits for the network's answer before it answers PENDING.</summary>
    [Range(0, 30_000)]
    public int ExecuteWaitMilliseconds { get; set; } = 2_000;

    /// <summary>How often the dispatcher looks for due outbox entries.</summary>
    [Range(10, 60_000)]
    public int DispatchIntervalMilliseconds { get; set; } = 500;

    /// <summary>A payout the network accepted as pending is queried after this long without a callback.</summary>
    [Range(1, 86_400)]
    public int ReconcileAfterSeconds { get; set; } = 30;

    /// <summary>How long one dispatcher holds an outbox entry before another may take it over.</summary>
    [Range(1, 3_600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>Callbacks whose timestamp is further than this from now are refused.</summary>
    [Range(1, 3_600)]
    public int CallbackToleranceSeconds { get; set; } = 300;

    /// <summary>Pending payouts older than this are listed for operators.</summary>
    [Range(1, 100_000)]
    public int StuckAfterMinutes { get; set; } = 15;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == NetworkMode.Remote && BaseUrl is null)
        {
            yield return new ValidationResult("PayoutNetwork:BaseUrl is required when PayoutNetwork:Mode is Remote.");
        }
    }
}
