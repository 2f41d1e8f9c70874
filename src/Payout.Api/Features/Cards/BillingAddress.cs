namespace Payout.Api.Features.Cards;

/// <summary>A card's billing address (spec §5), owned by the card's row; required before its first payout.</summary>
public sealed class BillingAddress
{
    public required string Address { get; set; }

    public required string City { get; set; }

    public required string CountryCode { get; set; }

    public required string Zip { get; set; }

    public string? State { get; set; }
}
