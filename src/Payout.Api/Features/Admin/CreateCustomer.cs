using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain;
using Payout.Api.Domain.Customers;
using Payout.Api.Domain.Errors;
using Payout.Api.Features.Customers;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Admin;

public static class CreateCustomer
{
    public sealed record Request(string? MerchantId, string? Phone, string? Password, string? KycLevel);

    [ProducesError(ErrorCode.VALIDATION, ErrorCode.MERCHANT_NOT_FOUND, ErrorCode.CONFLICT)]
    public static async Task<Results<Created<CustomerResponse>, ApiError>> HandleAsync(
        Request request, CustomerRegistry registry, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(request.MerchantId, out var merchantId))
        {
            return ApiError.Validation("merchantId", "merchantId must be a merchant's UUID.");
        }

        if (request.Phone is not { } phone || !CustomerRules.IsValidPhone(phone))
        {
            return ApiError.Validation("phone", "phone must be in E.164 form, e.g. +447871239999.");
        }

        if (request.Password is not { } password || !CustomerRules.IsValidPassword(password))
        {
            return ApiError.Validation("password",
                $"password must be {CustomerRules.MinPasswordLength} to {CustomerRules.MaxPasswordLength} characters.");
        }

        if (!KycLevels.TryParse(request.KycLevel, out var level))
        {
            return ApiError.Validation("kycLevel", $"kycLevel must be one of {KycLevels.Expected}.");
        }

        var created = await registry.CreateAsync(merchantId, phone, password, level, cancellationToken);
        return created.IsSuccess
            ? TypedResults.Created($"/admin/v1/customers/{created.Value.Id}", CustomerResponse.From(created.Value))
            : new ApiError(created.Failure);
    }
}
