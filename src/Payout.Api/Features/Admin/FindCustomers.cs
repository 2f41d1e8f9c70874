using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Features.Customers;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Admin;

public static class FindCustomers
{
    public sealed record Response(IReadOnlyList<CustomerResponse> Items);

    /// <summary>By phone, across merchants (a phone may be a customer at several). Phone is required.</summary>
    public static async Task<Results<Ok<Response>, ApiError>> HandleAsync(
        string? phone, PayoutDbContext db, CancellationToken cancellationToken)
    {
        if (!CustomerRules.IsValidPhone(phone))
        {
            return ApiError.Validation("phone", "Query parameter phone is required, in E.164 form (URL-encode the +).");
        }

        var customers = await db.Customers.AsNoTracking()
            .Where(c => c.Phone == phone)
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Response(customers.Select(CustomerResponse.From).ToList()));
    }
}
