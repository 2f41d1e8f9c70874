using System.Globalization;
using Payout.Api.Domain;

namespace Payout.Api.Features.Events;

/// <summary>
/// Section <c>Events</c>: how often events are numbered and webhooks sent, and how patiently. Each merchant's own settings
/// (its key for <c>/admin/v1/events</c>, its webhook) sit beside its id and name in section <c>Merchants</c>
/// (<see cref="MerchantEventSettings"/>), bound here too. Intervals are real time; "due" is judged by the service's clock.
/// </summary>
public sealed class EventsOptions : ISelfValidatingOptions
{
    public const string SectionName = "Events";
    private const int MinimumKeyLength = 16;
    private const int MinimumSecretLength = 24;

    /// <summary>How often each process numbers the events committed since (readers of /events also do, before reading).</summary>
    public int SequencerIntervalMilliseconds { get; set; } = 200;

    /// <summary>How many events one numbering step takes at most.</summary>
    public int SequencerBatchSize { get; set; } = 500;

    /// <summary>How often each process looks for webhook deliveries that are due.</summary>
    public int WebhookIntervalMilliseconds { get; set; } = 500;

    /// <summary>One delivery attempt: the receiver must answer 2xx within this.</summary>
    public int WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>How long a process holds a delivery; longer than an attempt, so a live process never loses one mid-send.</summary>
    public int WebhookLeaseSeconds { get; set; } = 60;

    /// <summary>Retries back off 1, 2, 4 … seconds, up to this.</summary>
    public int WebhookMaxBackoffSeconds { get; set; } = 300;

    /// <summary>Deliveries claimed per round (at most one per payout, card or customer: the oldest undelivered).</summary>
    public int WebhookBatchSize { get; set; } = 20;

    /// <summary>Deliveries sent at once by one process (each to a different object, so order per object holds).</summary>
    public int WebhookParallelism { get; set; } = 4;

    /// <summary>The merchants' own settings, from section <c>Merchants</c>.</summary>
    public List<MerchantEventSettings> Merchants { get; set; } = [];

    public TimeSpan WebhookTimeout => TimeSpan.FromSeconds(WebhookTimeoutSeconds);

    public IEnumerable<MerchantEventSettings> WithWebhooks => Merchants.Where(m => m.Webhook is not null);

    /// <summary>The merchant's webhook, or null when it has none.</summary>
    public WebhookSettings? WebhookOf(Guid merchantId) => Merchants.FirstOrDefault(m => m.Id == merchantId)?.Webhook;

    /// <summary>Retry n (1 for the first failure) waits 2^(n−1) seconds, at most <see cref="WebhookMaxBackoffSeconds"/>.</summary>
    public TimeSpan BackoffAfter(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(WebhookMaxBackoffSeconds, Math.Pow(2, Math.Clamp(attempts - 1, 0, 30))));

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        Check(errors, nameof(SequencerIntervalMilliseconds), SequencerIntervalMilliseconds, 10, 60_000);
        Check(errors, nameof(SequencerBatchSize), SequencerBatchSize, 1, 10_000);
        Check(errors, nameof(WebhookIntervalMilliseconds), WebhookIntervalMilliseconds, 10, 60_000);
        Check(errors, nameof(WebhookTimeoutSeconds), WebhookTimeoutSeconds, 1, 60);
        Check(errors, nameof(WebhookLeaseSeconds), WebhookLeaseSeconds, 2 * WebhookTimeoutSeconds, 3_600);
        Check(errors, nameof(WebhookMaxBackoffSeconds), WebhookMaxBackoffSeconds, 1, 86_400);
        Check(errors, nameof(WebhookBatchSize), WebhookBatchSize, 1, 1_000);
        Check(errors, nameof(WebhookParallelism), WebhookParallelism, 1, 64);
        for (var i = 0; i < Merchants.Count; i++)
        {
            CheckMerchant(errors, $"Merchants:{i}", Merchants[i]);
        }

        var keys = Merchants.Where(m => m.ApiKey is not null).Select(m => m.ApiKey).ToList();
        if (keys.Distinct(StringComparer.Ordinal).Count() != keys.Count)
        {
            errors.Add("Merchants:*:ApiKey must differ between merchants: a key names its merchant.");
        }

        return errors;
    }

    private static void CheckMerchant(List<string> errors, string path, MerchantEventSettings merchant)
    {
        if (merchant.ApiKey is { } key && key.Length < MinimumKeyLength)
        {
            errors.Add($"{path}:ApiKey must be at least {MinimumKeyLength} characters.");
        }

        if (merchant.Webhook is not { } webhook)
        {
            return;
        }

        // Only configuration names a webhook's address (never a request: SSRF); it must still be a plain http(s) URL.
        if (webhook.Url is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(url.UserInfo))
        {
            errors.Add($"{path}:Webhook:Url must be an absolute http or https URL without credentials.");
        }

        if (webhook.Secrets.Count is < 1 or > 2 || webhook.Secrets.Any(s => s is null || s.Length < MinimumSecretLength))
        {
            errors.Add($"{path}:Webhook:Secrets must hold one or two secrets (two while rotating), each at least {MinimumSecretLength} characters.");
        }
    }

    private static void Check(List<string> errors, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{SectionName}:{name} must be {min} to {max} (is {value})."));
        }
    }
}
