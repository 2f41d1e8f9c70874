using Payout.Api.Domain.Pricing;

namespace Payout.Api.Features.Payouts;

/// <summary>A payout with the fee breakdown its offer quoted: what settlement books and what its receipt lists.</summary>
public sealed record SettlingPayout(PayoutOperation Payout, FeeBreakdown Fees);
