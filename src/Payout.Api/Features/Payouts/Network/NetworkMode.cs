namespace Payout.Api.Features.Payouts.Network;

/// <summary>Where the payout network runs (<c>PayoutNetwork:Mode</c>).</summary>
public enum NetworkMode
{
    /// <summary>The sandbox network runs inside this process under <c>/sandbox-network</c> (the embedded default).</summary>
    Embedded,

    /// <summary>A separately running network at <see cref="PayoutNetworkOptions.BaseUrl"/>.</summary>
    Remote,
}
