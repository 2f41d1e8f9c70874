using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Events;

/// <summary>The service with the test merchant's webhook pointed at a <see cref="WebhookReceiver"/> on 127.0.0.1, signed with two secrets (mid-rotation).</summary>
public class WebhookApp : PayoutApp
{
    public const string OldSecret = "old-webhook-secret-0123456789";
    public const string NewSecret = "new-webhook-secret-9876543210";

    private readonly WebhookReceiver? sharedReceiver;
    private WebhookReceiver? receiver;

    public WebhookApp()
    {
    }

    /// <summary>A second process on <paramref name="first"/>'s database, delivering to the same receiver.</summary>
    internal WebhookApp(WebhookApp first)
        : base(first.Database, first.KeysDirectory, networkHost: first) => sharedReceiver = first.Receiver;

    public WebhookReceiver Receiver => receiver ?? sharedReceiver ?? throw new InvalidOperationException("The receiver has not started.");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Merchants:0:Webhook:Url"] = Receiver.Url.ToString(),
        ["Merchants:0:Webhook:Secrets:0"] = OldSecret,
        ["Merchants:0:Webhook:Secrets:1"] = NewSecret,
        ["Events:SequencerIntervalMilliseconds"] = "50",
        ["Events:WebhookIntervalMilliseconds"] = "50",
        ["Events:WebhookTimeoutSeconds"] = "1",
        ["Events:WebhookLeaseSeconds"] = "2",
    };

    public override async Task InitializeAsync()
    {
        if (sharedReceiver is null)
        {
            receiver = await WebhookReceiver.StartAsync();
        }

        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (receiver is not null)
        {
            await receiver.DisposeAsync();
            receiver = null;
        }

        GC.SuppressFinalize(this);
    }
}
