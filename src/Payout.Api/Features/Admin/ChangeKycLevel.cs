using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain;
using Payout.Api.Domain.Errors;
using Payout.Api.Features.Customers;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Admin;

public static class ChangeKycLevel
{
    public sealed record Request(string? KycLevel);

    [ProducesError(ErrorCode.VALIDATION, ErrorCode.CUSTOMER_NOT_FOUND)]
    public static async Task<Results<Ok<CustomerResponse>, ApiError>> HandleAsync(
        long customerId, Request request, CustomerRegistry registry, CancellationToken cancellationToken)
    {
        if (!KycLevels.TryParse(request.KycLevel, out var level))
        {
            return ApiError.Validation("kycLevel", $"kycLevel must be one of {KycLevels.Expected}.");
        }

        var customer = await registry.ChangeKycAsync(customerId, level, cancellationToken);
        return customer is null ? new ApiError(ErrorCode.CUSTOMER_NOT_FOUND) : TypedResults.Ok(CustomerResponse.From(customer));
    }
}
