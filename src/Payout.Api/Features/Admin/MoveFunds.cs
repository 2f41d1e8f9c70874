using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Money;
using Payout.Api.Features.Customers;
using Payout.Api.Features.Ledger;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Admin;

/// <summary>Operator deposits (money in from outside) and withdrawals (money back out), through the ledger.</summary>
public static class MoveFunds
{
    public const int MaxReferenceLength = 200;

    public sealed record Request(string? Currency, decimal? Amount, string? Reference = null);

    public sealed record Response(string Currency, decimal Balance);

    [ProducesError(ErrorCode.VALIDATION, ErrorCode.CUSTOMER_NOT_FOUND, ErrorCode.CONFLICT)]
    public static Task<Results<Ok<Response>, ApiError>> DepositAsync(
        long customerId, Request request, CustomerRegistry registry, ExternalTransfers transfers, CurrencyCatalog currencies,
        CancellationToken cancellationToken) =>
        MoveAsync(customerId, request, +1, registry, transfers, currencies, cancellationToken);

    [ProducesError(ErrorCode.VALIDATION, ErrorCode.CUSTOMER_NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.INSUFFICIENT_FUNDS)]
    public static Task<Results<Ok<Response>, ApiError>> WithdrawAsync(
        long customerId, Request request, CustomerRegistry registry, ExternalTransfers transfers, CurrencyCatalog currencies,
        CancellationToken cancellationToken) =>
        MoveAsync(customerId, request, -1, registry, transfers, currencies, cancellationToken);

    private static async Task<Results<Ok<Response>, ApiError>> MoveAsync(
        long customerId, Request request, int direction, CustomerRegistry registry, ExternalTransfers transfers,
        CurrencyCatalog currencies, CancellationToken cancellationToken)
    {
        var transfer = Validate(request, currencies);
        if (!transfer.IsSuccess)
        {
            return new ApiError(transfer.Failure);
        }

        if (await registry.FindAsync(customerId, cancellationToken) is null)
        {
            return new ApiError(ErrorCode.CUSTOMER_NOT_FOUND);
        }

        var (currency, amount, reference) = transfer.Value;
        var balance = await transfers.ApplyAsync(customerId, currency.Code, direction * amount, reference, cancellationToken);
        return balance.IsSuccess ? TypedResults.Ok(new Response(currency.Code, balance.Value)) : new ApiError(balance.Failure);
    }

    private static Result<Transfer> Validate(Request request, CurrencyCatalog currencies)
    {
        if (!currencies.TryGet(request.Currency, out var currency) || currency.Kind != CurrencyKind.Crypto)
        {
            return Failure.Validation("currency", $"currency must be one of {string.Join(", ", currencies.Crypto.Select(c => c.Code))}.");
        }

        if (request.Amount is not { } amount)
        {
            return Failure.Validation("amount", "amount is required.");
        }

        if (AmountRules.Check(amount, currency) is { } problem)
        {
            return Failure.Validation("amount", AmountRules.Describe(problem, currency));
        }

        if (request.Reference is { Length: > MaxReferenceLength })
        {
            return Failure.Validation("reference", $"reference must be at most {MaxReferenceLength} characters.");
        }

        return new Transfer(currency, amount, string.IsNullOrWhiteSpace(request.Reference) ? null : request.Reference.Trim());
    }

    private sealed record Transfer(Currency Currency, decimal Amount, string? Reference);
}
