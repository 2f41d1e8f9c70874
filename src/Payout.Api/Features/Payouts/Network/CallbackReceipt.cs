using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Payouts.Network;

/// <summary>A callback we accepted, by the hash of its signature: the same signed message is never applied twice.</summary>
public sealed class CallbackReceipt
{
    public required string SignatureHash { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}

internal sealed class CallbackReceiptConfiguration : IEntityTypeConfiguration<CallbackReceipt>
{
    public void Configure(EntityTypeBuilder<CallbackReceipt> builder)
    {
        builder.ToTable("network_callback_receipts");
        builder.HasKey(r => r.SignatureHash);
        builder.Property(r => r.SignatureHash).HasMaxLength(64);
    }
}
