using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Http;

namespace Payout.Api.Features.Cards;

/// <summary><c>POST /v4/payout/card</c> (spec §5).</summary>
public static class AddCard
{
    /// <summary>
    /// Vault's body. <c>cardNumber</c> is a JSON integer or a string of digits, so it is read raw (a 19-digit
    /// number does not fit a long). Unknown members, <c>cvv</c> among them, are never bound, so never stored.
    /// </summary>
    public sealed record Request(JsonElement? CardNumber, string? CardHolder, int? CardExpirationYear, int? CardExpirationMonth)
    {
        /// <summary>Records print their members; this one must not print the card number.</summary>
        public override string ToString() => "AddCard.Request { CardNumber = *** }";
    }

    [ProducesError(ErrorCode.VALIDATION, ErrorCode.CARD_INVALID_NUMBER, ErrorCode.CARD_BRAND_NOT_SUPPORTED, ErrorCode.CARD_EXPIRED,
        ErrorCode.CARD_LIMIT_REACHED)]
    public static async Task<Results<Ok<CardResponse>, ApiError>> HandleAsync(
        Request request, CurrentCustomer customer, CardVault vault, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ReadNumber(request.CardNumber) is not { } rawNumber)
        {
            return ApiError.Validation(CardRules.NumberField, "cardNumber is required, as a JSON integer or a string of digits.");
        }

        // As a JSON number, only a plain positive integer is a card number: -4111… or 4.111e15 must not lose their sign or point.
        if (request.CardNumber is { ValueKind: JsonValueKind.Number } && !rawNumber.All(char.IsAsciiDigit))
        {
            return new ApiError(ErrorCode.CARD_INVALID_NUMBER, "A card number sent as a JSON number must be a positive integer.", CardRules.NumberField);
        }

        if (request.CardExpirationYear is not { } year || request.CardExpirationMonth is not { } month)
        {
            var field = request.CardExpirationYear is null ? CardRules.YearField : CardRules.MonthField;
            return ApiError.Validation(field, $"{field} is required.");
        }

        var validation = CardRules.Validate(rawNumber, request.CardHolder, year, month, clock.GetUtcNow());
        if (!validation.IsSuccess)
        {
            return new ApiError(validation.Failure);
        }

        var added = await vault.AddAsync(customer.Id, validation.Value, cancellationToken);
        return added.IsSuccess ? TypedResults.Ok(CardResponse.From(added.Value)) : new ApiError(added.Failure);
    }

    private static string? ReadNumber(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
        _ => null,
    };
}
