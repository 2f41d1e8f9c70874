using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Features.Cards;

/// <summary><c>POST /v4/payout/card/{cardId}/billing-address</c>: required before a first payout; sending it again replaces it.</summary>
public static class SetBillingAddress
{
    public sealed record Request(string? Address, string? City, string? CountryCode, string? Zip, string? State = null);

    [ProducesError(ErrorCode.VALIDATION, ErrorCode.CARD_NOT_FOUND)]
    public static async Task<Results<Ok<CardResponse>, ApiError>> HandleAsync(
        long cardId, Request request, CurrentCustomer customer, CardVault vault, CancellationToken cancellationToken)
    {
        var address = AddressOf(request);
        if (!address.IsSuccess)
        {
            return new ApiError(address.Failure);
        }

        var card = await vault.FindActiveAsync(customer.Id, cardId, cancellationToken);
        if (card is null)
        {
            return new ApiError(ErrorCode.CARD_NOT_FOUND);
        }

        await vault.SetBillingAddressAsync(card, address.Value, cancellationToken);
        return TypedResults.Ok(CardResponse.From(card, withBillingAddress: true));
    }

    private static Result<BillingAddress> AddressOf(Request request)
    {
        if (Trimmed(request.Address, 200) is not { } address)
        {
            return Failure.Validation("address", "address is required, at most 200 characters.");
        }

        if (Trimmed(request.City, 100) is not { } city)
        {
            return Failure.Validation("city", "city is required, at most 100 characters.");
        }

        if (request.CountryCode is not { } country || !CountryCodes.IsAssigned(country))
        {
            return Failure.Validation("countryCode", "countryCode must be an ISO 3166-1 alpha-2 code, e.g. GB.");
        }

        if (Trimmed(request.Zip, 20) is not { } zip || !(request.Zip ?? "").All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-'))
        {
            return Failure.Validation("zip", "zip is required: up to 20 letters, digits, spaces or dashes.");
        }

        if (request.State is { Length: > 100 })
        {
            return Failure.Validation("state", "state must be at most 100 characters.");
        }

        return new BillingAddress
        {
            Address = address,
            City = city,
            CountryCode = country.ToUpperInvariant(),
            Zip = zip,
            State = string.IsNullOrWhiteSpace(request.State) ? null : request.State.Trim(),
        };
    }

    /// <summary>The trimmed text when it has 1 to <paramref name="max"/> characters and no control characters; else null.</summary>
    private static string? Trimmed(string? value, int max) =>
        value is not null && value.Trim() is { Length: >= 1 } trimmed && trimmed.Length <= max && !value.Any(char.IsControl) ? trimmed : null;
}
