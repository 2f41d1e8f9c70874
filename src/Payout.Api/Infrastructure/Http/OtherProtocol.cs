namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// Endpoint metadata: the endpoint speaks another party's protocol (the embedded sandbox network), with its own input
/// rules, so <see cref="RequestRules"/> leaves it alone. Every other endpoint, in the document or not (the console's
/// session), follows ours.
/// </summary>
public sealed class OtherProtocol
{
    public static readonly OtherProtocol Instance = new();

    private OtherProtocol()
    {
    }
}
