using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Features.Customers;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Admin;

public static class CreateCustomer
{
    public sealed record Request(string? MerchantId, string? Phone, string? Password, string? KycLevel);

    [ProducesError(ErrorCode.MERCHANT_NOT_FOUND)]
    [ProducesError(ErrorCode.CONFLICT)]
    public static async Task<Results<Created<CustomerResponse>, ApiError>> HandleAsync(
        Request request, CustomerRegistry registry, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(request.MerchantId, out var merchantId))
        {
            return ApiError.Validation("merchantId", "merchantId must be a merchant's UUID.");
        }

        if (!CustomerRules.IsValidPhone(request.Phone))
        {
            return ApiError.Validation("phone", "phone must be in E.164 form, e.g. +447871239999.");
        }

        if (!CustomerRules.IsValidPassword(request.Password))
        {
            return ApiError.Validation("password",
                $"password must be {CustomerRules.MinPasswordLength} to {CustomerRules.MaxPasswordLength} characters.");
        }

        if (!KycLevels.TryParse(request.KycLevel, out var level))
        {
            return ApiError.Validation("kycLevel", $"kycLevel must be one of {KycLevels.Expected}.");
        }

        var (customer, error) = await registry.CreateAsync(merchantId, request.Phone!, request.Password!, level, cancellationToken);
        return customer is null
            ? error!
            : TypedResults.Created($"/admin/v1/customers/{customer.Id}", CustomerResponse.From(customer));
    }
}
