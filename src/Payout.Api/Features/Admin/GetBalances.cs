using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Money;
using Payout.Api.Features.Customers;
using Payout.Api.Features.Ledger;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Admin;

public static class GetBalances
{
    public sealed record Response(long CustomerId, IReadOnlyList<CurrencyBalance> Balances);

    /// <summary>Every crypto currency is listed, with 0 where the customer never had any.</summary>
    [ProducesError(ErrorCode.CUSTOMER_NOT_FOUND)]
    public static async Task<Results<Ok<Response>, ApiError>> HandleAsync(
        long customerId, CustomerRegistry registry, LedgerReader ledger, CurrencyCatalog currencies, CancellationToken cancellationToken)
    {
        if (await registry.FindAsync(customerId, cancellationToken) is null)
        {
            return new ApiError(ErrorCode.CUSTOMER_NOT_FOUND);
        }

        var held = await ledger.WalletBalancesAsync(customerId, cancellationToken);
        var balances = currencies.Crypto
            .Select(c => new CurrencyBalance(c.Code, held.GetValueOrDefault(c.Code)))
            .ToList();
        return TypedResults.Ok(new Response(customerId, balances));
    }
}
