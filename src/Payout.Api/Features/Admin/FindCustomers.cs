using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Customers;
using Payout.Api.Domain.Errors;
using Payout.Api.Features.Customers;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Admin;

public static class FindCustomers
{
    public sealed record Response(IReadOnlyList<CustomerResponse> Items);

    /// <summary>By phone, across merchants (a phone may be a customer at several). Phone is required.</summary>
    [ProducesError(ErrorCode.VALIDATION)]
    public static async Task<Results<Ok<Response>, ApiError>> HandleAsync(
        string? phone, CustomerRegistry registry, CancellationToken cancellationToken)
    {
        if (phone is null || !CustomerRules.IsValidPhone(phone))
        {
            return ApiError.Validation("phone", "Query parameter phone is required, in E.164 form (URL-encode the +).");
        }

        var customers = await registry.ListByPhoneAsync(phone, cancellationToken);
        return TypedResults.Ok(new Response(customers.Select(CustomerResponse.From).ToList()));
    }
}
