using Microsoft.Extensions.Options;
using Payout.Api.Features.Payouts;
using Payout.Api.Features.Payouts.Network;

namespace Payout.Api.Features.Admin;

/// <summary>
/// Pending payouts older than <c>PayoutNetwork:StuckAfterMinutes</c>: the ones a person should look at — above
/// all those the network does not answer about, which are never refunded while they might still be paid.
/// </summary>
public static class StuckPayouts
{
    private const int MaxItems = 500;

    public sealed record Item(long OperationId, long CustomerId, decimal AmountTo, string CurrencyTo, DateTimeOffset CreatedAt,
        string DispatchState, int Attempts, string? LastError, DateTimeOffset NextTryAt);

    public sealed record Response(IReadOnlyList<Item> Items);

    public static async Task<Response> HandleAsync(
        PayoutStore payouts, IOptions<PayoutNetworkOptions> options, TimeProvider clock, CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().AddMinutes(-options.Value.StuckAfterMinutes);
        var stuck = await payouts.StuckAsync(before, MaxItems, cancellationToken);
        return new Response(stuck.Select(x => new Item(x.Payout.Id, x.Payout.CustomerId, x.Payout.AmountTo, x.Payout.CurrencyTo,
            x.Payout.CreatedAt, x.Dispatch.State.ToString(), x.Dispatch.Attempts, x.Dispatch.LastError, x.Dispatch.DueAt)).ToList());
    }
}
