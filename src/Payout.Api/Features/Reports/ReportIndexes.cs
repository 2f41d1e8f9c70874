using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Payout.Api.Features.Ledger;
using Payout.Api.Features.Payouts;

namespace Payout.Api.Features.Reports;

/// <summary>
/// The indexes of the date-range queries of reports and reconciliation, kept beside those queries (EF applies every
/// configuration of a type). The ledger grows by millions of postings: the report reads the postings and
/// transactions since an instant from indexes that hold every column it needs, so it never reads the tables
/// themselves; reconciliation finds a day's settled payouts by status and settlement instant (the index every lookup of
/// payouts by status uses).
/// </summary>
internal sealed class ReportIndexes
    : IEntityTypeConfiguration<LedgerPosting>, IEntityTypeConfiguration<LedgerTransactionRecord>, IEntityTypeConfiguration<PayoutOperation>
{
    public void Configure(EntityTypeBuilder<LedgerPosting> builder) =>
        builder.HasIndex(p => new { p.CreatedAt, p.TransactionId, p.AccountId, p.Amount });

    public void Configure(EntityTypeBuilder<LedgerTransactionRecord> builder) =>
        builder.HasIndex(t => new { t.CreatedAt, t.Id, t.Kind });

    public void Configure(EntityTypeBuilder<PayoutOperation> builder) =>
        builder.HasIndex(p => new { p.Status, p.UpdatedAt });
}
