namespace Payout.Api.Features.Payouts;

/// <summary>What happened between us and the payout network for one payout, or what an operator did about it.</summary>
public enum NetworkEventKind
{
    /// <summary>We sent the payout (create request).</summary>
    Sent,

    /// <summary>We asked the network for the payout's status.</summary>
    StatusAsked,

    /// <summary>A signed callback from the network was accepted.</summary>
    CallbackReceived,

    /// <summary>An operator asked the network again.</summary>
    OperatorAskedAgain,

    /// <summary>An operator asked to fail the payout with a refund; the answer says whether it was failed.</summary>
    OperatorFailRequested,
}
