using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// One entry of a payout's network history: append-only, written by the dispatcher, the callback endpoint and
/// operator actions, read by the operator console's timeline. Not a source of truth for money — the ledger is.
/// </summary>
public sealed class PayoutNetworkEvent
{
    public const int MaxDetailLength = 200;

    public long Id { get; set; }

    public long OperationId { get; set; }

    public NetworkEventKind Kind { get; set; }

    /// <summary>The network's answer (<see cref="NetworkOutcome"/>), or null when nothing was asked.</summary>
    public NetworkOutcome? Outcome { get; set; }

    public string? Detail { get; set; }

    /// <summary>Who caused it: null for the service itself, else the operator (see <c>OperatorAccess</c>).</summary>
    public string? Actor { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static PayoutNetworkEvent Of(long operationId, NetworkEventKind kind, NetworkAnswer? answer, DateTimeOffset at, string? actor = null) => new()
    {
        OperationId = operationId,
        Kind = kind,
        Outcome = answer?.Outcome,
        Detail = Truncate(answer?.Detail),
        Actor = actor,
        CreatedAt = at,
    };

    private static string? Truncate(string? detail) =>
        detail is { Length: > MaxDetailLength } ? detail[..MaxDetailLength] : detail;
}

internal sealed class PayoutNetworkEventConfiguration : IEntityTypeConfiguration<PayoutNetworkEvent>
{
    public void Configure(EntityTypeBuilder<PayoutNetworkEvent> builder)
    {
        builder.ToTable("payout_network_events");
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Detail).HasMaxLength(PayoutNetworkEvent.MaxDetailLength);
        builder.Property(e => e.Actor).HasMaxLength(64);
        builder.HasIndex(e => new { e.OperationId, e.Id });
        builder.HasOne<PayoutOperation>().WithMany().HasForeignKey(e => e.OperationId).HasConstraintName("fk_payout_network_events_payout_operations_operation_id").OnDelete(DeleteBehavior.Restrict);
    }
}
