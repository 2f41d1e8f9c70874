using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Features.Auth;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Cards;

/// <summary><c>POST /v4/payout/card/{cardId}/billing-address</c>: required before a first payout; sending it again replaces it.</summary>
public static class SetBillingAddress
{
    public sealed record Request(string? Address, string? City, string? CountryCode, string? Zip, string? State = null);

    public static async Task<Results<Ok<CardResponse>, ApiError>> HandleAsync(
        long cardId, Request request, CurrentCustomer customer, CardVault vault, CancellationToken cancellationToken)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var card = await vault.FindActiveAsync(customer.Id, cardId, cancellationToken);
        if (card is null)
        {
            return CardErrors.NotFound();
        }

        card.BillingAddress = new BillingAddress
        {
            Address = request.Address!.Trim(),
            City = request.City!.Trim(),
            CountryCode = request.CountryCode!.ToUpperInvariant(),
            Zip = request.Zip!.Trim(),
            State = string.IsNullOrWhiteSpace(request.State) ? null : request.State.Trim(),
        };
        await vault.SaveAsync(card, cancellationToken);
        return TypedResults.Ok(CardResponse.From(card, withBillingAddress: true));
    }

    private static ApiError? Validate(Request request)
    {
        if (!HasLength(request.Address, 1, 200))
        {
            return ApiError.Validation("address", "address is required, at most 200 characters.");
        }

        if (!HasLength(request.City, 1, 100))
        {
            return ApiError.Validation("city", "city is required, at most 100 characters.");
        }

        if (!CountryCodes.IsAssigned(request.CountryCode))
        {
            return ApiError.Validation("countryCode", "countryCode must be an ISO 3166-1 alpha-2 code, e.g. GB.");
        }

        if (!HasLength(request.Zip, 1, 20) || !request.Zip!.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-'))
        {
            return ApiError.Validation("zip", "zip is required: up to 20 letters, digits, spaces or dashes.");
        }

        return request.State is { Length: > 100 } ? ApiError.Validation("state", "state must be at most 100 characters.") : null;
    }

    private static bool HasLength(string? value, int min, int max) =>
        value is not null && value.Trim().Length >= min && value.Trim().Length <= max && !value.Any(char.IsControl);
}
