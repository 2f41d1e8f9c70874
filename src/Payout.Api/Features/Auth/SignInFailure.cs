using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Payout.Api.Features.Auth;

/// <summary>One failed sign-in for a number (whether or not a customer has it), for the lockout window.</summary>
public sealed class SignInFailure
{
    public long Id { get; set; }

    public required string Phone { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> builder)
    {
        builder.ToTable("sign_in_failures");
        builder.Property(f => f.Phone).HasMaxLength(32);
        builder.HasIndex(f => new { f.Phone, f.At });
        // The purge of failures past the window (OldSignInFailures) deletes the oldest first.
        builder.HasIndex(f => f.At);
    }
}
