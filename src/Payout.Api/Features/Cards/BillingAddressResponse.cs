namespace Payout.Api.Features.Cards;

public sealed record BillingAddressResponse(string Address, string City, string CountryCode, string Zip, string? State);
