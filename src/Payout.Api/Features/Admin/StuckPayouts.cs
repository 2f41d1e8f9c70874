using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Features.Payouts;
using Payout.Api.Features.Payouts.Network;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Admin;

/// <summary>
/// Pending payouts older than <c>PayoutNetwork:StuckAfterMinutes</c>: the ones a person should look at — above
/// all those the network does not answer about, which are never refunded while they might still be paid.
/// </summary>
public static class StuckPayouts
{
    public sealed record Item(long OperationId, long CustomerId, decimal AmountTo, string CurrencyTo, DateTimeOffset CreatedAt,
        string DispatchState, int Attempts, string? LastError, DateTimeOffset NextTryAt);

    public sealed record Response(IReadOnlyList<Item> Items);

    public static async Task<Response> HandleAsync(
        PayoutDbContext db, IOptions<PayoutNetworkOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().AddMinutes(-options.Value.StuckAfterMinutes);
        var items = await db.PayoutOperations.AsNoTracking()
            .Where(p => p.Status == PayoutStatus.PENDING && p.CreatedAt < before)
            .Join(db.PayoutOutbox, p => p.Id, e => e.OperationId, (p, e) => new { p, e })
            .OrderBy(x => x.p.CreatedAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        return new Response(items.Select(x => new Item(x.p.Id, x.p.CustomerId, x.p.AmountTo, x.p.CurrencyTo, x.p.CreatedAt,
            x.e.State.ToString(), x.e.Attempts, x.e.LastError, x.e.DueAt)).ToList());
    }
}
