using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Features.Auth;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Cards;

/// <summary><c>DELETE /v4/payout/card/{cardId}</c>: leaves the list; offers and payouts keep referring to it.</summary>
public static class DeleteCard
{
    public static async Task<Results<NoContent, ApiError>> HandleAsync(
        long cardId, CurrentCustomer customer, CardVault vault, TimeProvider clock, CancellationToken cancellationToken)
    {
        var card = await vault.FindActiveAsync(customer.Id, cardId, cancellationToken);
        if (card is null)
        {
            return CardErrors.NotFound();
        }

        card.DeletedAt = clock.GetUtcNow();
        await vault.SaveAsync(card, cancellationToken);
        return TypedResults.NoContent();
    }
}
