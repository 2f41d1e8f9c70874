using Payout.Api.Domain.Pricing;
using Payout.Api.Features.Cards;

namespace Payout.Api.Features.Payouts;

/// <summary>A payout execute has just debited, with what sending and settling it need, so the dispatcher reads none of it again.</summary>
/// <param name="Fees">The fees its offer quoted (settlement books them).</param>
public sealed record NewPayoutDispatch(PayoutOperation Payout, Card Card, FeeBreakdown Fees);
