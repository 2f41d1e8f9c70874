using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Payouts;
using Payout.Api.Domain.Pricing;

namespace Payout.Api.Features.Payouts;

/// <summary>Whether execute treats an offer as expired, after the slippage band had its say (<see cref="SlippageRepricer"/>).</summary>
/// <param name="FreshRate">The rate now, when the band was asked and refused: the answer carries it.</param>
public sealed record OfferExpiry(bool Expired, decimal? FreshRate)
{
    public static readonly OfferExpiry Executable = new(false, null);

    /// <summary>The OFFER_EXPIRED answer, with the fresh rate when there is one.</summary>
    public Failure Refusal => FreshRate is { } fresh ? SlippageBand.Refusal(fresh, ExecutionRemedies.OfferExpired()) : ExecutionRemedies.OfferExpired();
}
