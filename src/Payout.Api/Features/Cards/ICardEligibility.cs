using Payout.Api.Domain.Cards;

namespace Payout.Api.Features.Cards;

/// <summary>
/// Asks the payout network whether it can pay out to a card. An I/O boundary: the network's answer
/// becomes the card's <see cref="CardValidationStatus"/>. Implemented by the payout network's client.
/// </summary>
public interface ICardEligibility
{
    Task<CardValidationStatus> CheckAsync(CardNumber number, CancellationToken cancellationToken);
}
