using Microsoft.AspNetCore.Http.HttpResults;
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

    [ProducesError(ErrorCode.CONFLICT)]
    public static Task<Results<Ok<Response>, ApiError>> DepositAsync(
        long customerId, Request request, CustomerRegistry registry, ExternalTransfers transfers, CurrencyCatalog currencies,
        CancellationToken cancellationToken) =>
        MoveAsync(customerId, request, +1, registry, transfers, currencies, cancellationToken);

    [ProducesError(ErrorCode.CONFLICT)]
    public static Task<Results<Ok<Response>, ApiError>> WithdrawAsync(
        long customerId, Request request, CustomerRegistry registry, ExternalTransfers transfers, CurrencyCatalog currencies,
        CancellationToken cancellationToken) =>
        MoveAsync(customerId, request, -1, registry, transfers, currencies, cancellationToken);

    private static async Task<Results<Ok<Response>, ApiError>> MoveAsync(
        long customerId, Request request, int direction, CustomerRegistry registry, ExternalTransfers transfers,
        CurrencyCatalog currencies, CancellationToken cancellationToken)
    {
        if (Validate(request, currencies) is { } invalid)
        {
            return invalid;
        }

        if (await registry.FindAsync(customerId, cancellationToken) is null)
        {
            return AdminErrors.CustomerNotFound();
        }

        var reference = string.IsNullOrWhiteSpace(request.Reference) ? null : request.Reference.Trim();
        var (balance, error) = await transfers.ApplyAsync(
            customerId, request.Currency!, direction * request.Amount!.Value, reference, cancellationToken);
        return error is null ? TypedResults.Ok(new Response(request.Currency!, balance)) : error;
    }

    private static ApiError? Validate(Request request, CurrencyCatalog currencies)
    {
        if (!currencies.TryGet(request.Currency, out var currency) || currency.Kind != CurrencyKind.Crypto)
        {
            return ApiError.Validation("currency", $"currency must be one of {string.Join(", ", currencies.Crypto.Select(c => c.Code))}.");
        }

        if (request.Amount is not { } amount)
        {
            return ApiError.Validation("amount", "amount is required.");
        }

        if (AmountRules.Check(amount, currency) is { } problem)
        {
            return ApiError.Validation("amount", AmountRules.Describe(problem, currency));
        }

        return request.Reference is { Length: > MaxReferenceLength }
            ? ApiError.Validation("reference", $"reference must be at most {MaxReferenceLength} characters.")
            : null;
    }
}
