using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Cards;

internal static class CardErrors
{
    /// <summary>Someone else's card and a card that does not exist get the same answer.</summary>
    public static ApiError NotFound() => new(ErrorCode.CARD_NOT_FOUND, "No such card.");

    public static ApiError From(CardError error) => error.Problem switch
    {
        CardProblem.InvalidNumber => new ApiError(ErrorCode.CARD_INVALID_NUMBER, error.Message, error.Field),
        CardProblem.BrandNotSupported => new ApiError(ErrorCode.CARD_BRAND_NOT_SUPPORTED, error.Message, error.Field),
        CardProblem.Expired => new ApiError(ErrorCode.CARD_EXPIRED, error.Message, error.Field),
        CardProblem.InvalidField => ApiError.Validation(error.Field ?? "card", error.Message),
    };
}
