using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Payouts;
using Payout.Api.Features.Payouts;
using Payout.Api.Features.Payouts.Network;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Admin;

/// <summary>
/// What an operator may do about a payout the network has not finished. Both go through the dispatcher, so the
/// rules that keep money safe are the same as for the background loop; the refund is the settlement's own.
/// </summary>
public static class StuckPayoutActions
{
    /// <param name="NetworkAnswer">What the network said just now: Paid, Pending, Declined, NotFound or NoAnswer.</param>
    public sealed record Response(AdminPayout Payout, string NetworkAnswer, string? Detail);

    /// <summary><c>POST /admin/v1/payouts/{operationId}/ask-network</c>: process the payout now, as the dispatcher would when due.</summary>
    [ProducesError(ErrorCode.OPERATION_NOT_FOUND, ErrorCode.CONFLICT)]
    public static async Task<Results<Ok<Response>, ApiError>> AskAgainAsync(
        long operationId, HttpContext http, PayoutDbContext db, PayoutDispatcher dispatcher, CancellationToken cancellationToken)
    {
        if (await PendingPayoutAsync(db, operationId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (!await dispatcher.AskAgainAsync(operationId, OperatorAccess.ActorOf(http), cancellationToken))
        {
            return Busy();
        }

        return TypedResults.Ok(await AnswerAsync(db, operationId, cancellationToken));
    }

    /// <summary>
    /// <c>POST /admin/v1/payouts/{operationId}/fail</c>: fail a stuck payout and refund the customer — only when the
    /// network confirms now that it has no such payout. Any other answer is applied as usual and refused here (409).
    /// </summary>
    [ProducesError(ErrorCode.OPERATION_NOT_FOUND, ErrorCode.CONFLICT)]
    public static async Task<Results<Ok<Response>, ApiError>> FailWithRefundAsync(
        long operationId, HttpContext http, PayoutDbContext db, PayoutDispatcher dispatcher, IOptions<PayoutNetworkOptions> options,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await PendingPayoutAsync(db, operationId, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var stuckBefore = clock.GetUtcNow().AddMinutes(-options.Value.StuckAfterMinutes);
        if (!await db.Set<PayoutOperation>().AnyAsync(p => p.Id == operationId && p.CreatedAt < stuckBefore, cancellationToken))
        {
            return new ApiError(ErrorCode.CONFLICT, $"Only a stuck payout (pending for more than {options.Value.StuckAfterMinutes} minutes) can be failed.");
        }

        var answer = await dispatcher.FailIfNetworkHasNoneAsync(operationId, OperatorAccess.ActorOf(http), cancellationToken);
        if (answer is null)
        {
            return Busy();
        }

        if (answer.Outcome != NetworkOutcome.NotFound)
        {
            return new ApiError(ErrorCode.CONFLICT, answer.Outcome switch
            {
                NetworkOutcome.NoAnswer => "The network did not answer, so it may still pay: the payout stays pending.",
                NetworkOutcome.Pending => "The network has this payout and it is still pending: it was not failed.",
                _ => $"The network answered {answer.Outcome}; that answer was applied instead.",
            });
        }

        return TypedResults.Ok(await AnswerAsync(db, operationId, cancellationToken, answer));
    }

    private static async Task<ApiError?> PendingPayoutAsync(PayoutDbContext db, long operationId, CancellationToken cancellationToken)
    {
        var status = await db.Set<PayoutOperation>().Where(p => p.Id == operationId).Select(p => (PayoutStatus?)p.Status).SingleOrDefaultAsync(cancellationToken);
        return status switch
        {
            null => new ApiError(ErrorCode.OPERATION_NOT_FOUND, "No such payout."),
            PayoutStatus.PENDING => null,
            _ => new ApiError(ErrorCode.CONFLICT, $"The payout is already {status}."),
        };
    }

    private static ApiError Busy() =>
        new(ErrorCode.CONFLICT, "A dispatcher is working on this payout right now; try again in a moment.");

    private static async Task<Response> AnswerAsync(PayoutDbContext db, long operationId, CancellationToken cancellationToken, NetworkAnswer? answer = null)
    {
        var payout = await db.Set<PayoutOperation>().AsNoTracking().SingleAsync(p => p.Id == operationId, cancellationToken);
        if (answer is null)
        {
            var latest = await db.Set<PayoutNetworkEvent>().AsNoTracking()
                .Where(e => e.OperationId == operationId && e.Outcome != null)
                .OrderByDescending(e => e.Id).FirstAsync(cancellationToken);
            answer = new NetworkAnswer(latest.Outcome!.Value, latest.Detail);
        }

        return new Response(AdminPayout.From(payout), answer.Outcome.ToString(), answer.Detail);
    }
}
