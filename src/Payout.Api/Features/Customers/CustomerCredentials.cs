using Payout.Api.Domain;

namespace Payout.Api.Features.Customers;

/// <summary>What authentication needs of a customer on every request.</summary>
public sealed record CustomerCredentials(long Id, Guid MerchantId, KycLevel KycLevel, int TokenGeneration);
