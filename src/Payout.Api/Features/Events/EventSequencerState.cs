using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Events;

/// <summary>
/// The sequencer's one row: the last sequence given. Only numbering locks it (never a payout), so two processes number
/// events one after the other, and neither can give a number twice.
/// </summary>
public sealed class EventSequencerState
{
    public const int SingleRowId = 1;

    public int Id { get; set; }

    public long LastSequence { get; set; }
}

internal sealed class EventSequencerStateConfiguration : IEntityTypeConfiguration<EventSequencerState>
{
    public void Configure(EntityTypeBuilder<EventSequencerState> builder)
    {
        builder.ToTable("merchant_event_sequencer");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new EventSequencerState { Id = EventSequencerState.SingleRowId, LastSequence = 0 });
    }
}
