using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Console;

/// <summary>
/// The cookie handler's server-side session store (<see cref="ITicketStore"/>): one row per session in the database,
/// so a session signed in on one API process is known to all, and signing out ends it everywhere.
/// </summary>
public sealed class ConsoleTicketStore(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ConsoleOptions> options) : ITicketStore
{
    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PayoutDbContext>();
        // Housekeeping on sign-in: sessions that ran out are deleted, not kept.
        await Sessions(db).Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        db.Add(new ConsoleSession { KeyHash = Hash(key), Ticket = Serialize(ticket), CreatedAt = now, ExpiresAt = ExpiryOf(ticket, now) });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var hash = Hash(key);
        var ticketBytes = Serialize(ticket);
        var expiresAt = ExpiryOf(ticket, clock.GetUtcNow());
        await using var scope = scopes.CreateAsyncScope();
        await Sessions(scope.ServiceProvider.GetRequiredService<PayoutDbContext>())
            .Where(s => s.KeyHash == hash)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, ticketBytes).SetProperty(x => x.ExpiresAt, expiresAt));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var hash = Hash(key);
        var now = clock.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var session = await Sessions(scope.ServiceProvider.GetRequiredService<PayoutDbContext>()).AsNoTracking()
            .SingleOrDefaultAsync(s => s.KeyHash == hash && s.ExpiresAt > now);
        return session is null ? null : TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        var hash = Hash(key);
        await using var scope = scopes.CreateAsyncScope();
        await Sessions(scope.ServiceProvider.GetRequiredService<PayoutDbContext>()).Where(s => s.KeyHash == hash).ExecuteDeleteAsync();
    }

    private static DbSet<ConsoleSession> Sessions(PayoutDbContext db) => db.Set<ConsoleSession>();

    private DateTimeOffset ExpiryOf(AuthenticationTicket ticket, DateTimeOffset now) =>
        ticket.Properties.ExpiresUtc ?? now.AddMinutes(options.Value.IdleMinutes);

    private static byte[] Serialize(AuthenticationTicket ticket) => TicketSerializer.Default.Serialize(ticket);

    /// <summary>Only the hash is stored: a copy of the table signs nobody in.</summary>
    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
