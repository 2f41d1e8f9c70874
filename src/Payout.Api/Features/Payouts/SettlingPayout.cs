using Payout.Api.Domain.Pricing;

namespace Payout.Api.Features.Payouts;

/// <summary>A payout being settled, with the fee breakdown its offer quoted (what the ledger books).</summary>
public sealed record SettlingPayout(PayoutOperation Payout, FeeBreakdown Fees);
