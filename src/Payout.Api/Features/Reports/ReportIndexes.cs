using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payout.Api.Features.Ledger;
using Payout.Api.Features.Payouts;

namespace Payout.Api.Features.Reports;

/// <summary>
/// The indexes of the date-range queries of reports and reconciliation, kept beside those queries (EF applies every
/// configuration of a type). The ledger grows by millions of postings: the report reads them by instant through
/// an index that also holds the account and amount, so its sums never read the table itself; reconciliation finds
/// a day's settled payouts by status and settlement instant.
/// </summary>
internal sealed class ReportIndexes : IEntityTypeConfiguration<LedgerPosting>, IEntityTypeConfiguration<PayoutOperation>
{
    public void Configure(EntityTypeBuilder<LedgerPosting> builder) =>
        builder.HasIndex(p => new { p.CreatedAt, p.AccountId, p.Amount });

    public void Configure(EntityTypeBuilder<PayoutOperation> builder) =>
        builder.HasIndex(p => new { p.Status, p.UpdatedAt });
}
