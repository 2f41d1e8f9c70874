namespace Payout.Api.Features.Events;

/// <summary>Where a merchant's events are posted, and the secrets they are signed with.</summary>
public sealed class WebhookSettings
{
    /// <summary>From configuration only, never from a request (so no caller can point our requests at our own network).</summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// One secret, or two while rotating: every delivery carries a signature per secret, so the receiver verifies with
    /// whichever it knows. Rotate by adding the new one second, moving the receiver to it, then removing the old one.
    /// </summary>
    public List<string> Secrets { get; set; } = [];
}
