using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Console;

/// <summary>
/// A signed-in console session, kept server-side so sign-out and expiry hold in every process. The cookie carries
/// only the session key (protected by ASP.NET Core Data Protection); the row is found by the key's SHA-256.
/// </summary>
public sealed class ConsoleSession
{
    public required string KeyHash { get; set; }

    /// <summary>The authentication ticket (ASP.NET Core's <c>TicketSerializer</c> format): the operator's claims.</summary>
    public required byte[] Ticket { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class ConsoleSessionConfiguration : IEntityTypeConfiguration<ConsoleSession>
{
    public void Configure(EntityTypeBuilder<ConsoleSession> builder)
    {
        builder.ToTable("console_sessions");
        builder.HasKey(s => s.KeyHash);
        builder.Property(s => s.KeyHash).HasMaxLength(64);
        builder.Property(s => s.Ticket).HasMaxLength(4096);
        builder.HasIndex(s => s.ExpiresAt);
    }
}
