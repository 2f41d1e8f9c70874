using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Features.Cards;

/// <summary><c>DELETE /v4/payout/card/{cardId}</c>: leaves the list; offers and payouts keep referring to it.</summary>
public static class DeleteCard
{
    /// <summary>Someone else's card and a card that does not exist get the same answer.</summary>
    [ProducesError(ErrorCode.CARD_NOT_FOUND)]
    public static async Task<Results<NoContent, ApiError>> HandleAsync(
        long cardId, CurrentCustomer customer, CardVault vault, CancellationToken cancellationToken)
    {
        var card = await vault.FindActiveAsync(customer.Id, cardId, cancellationToken);
        if (card is null)
        {
            return new ApiError(ErrorCode.CARD_NOT_FOUND);
        }

        await vault.DeleteAsync(card, cancellationToken);
        return TypedResults.NoContent();
    }
}
