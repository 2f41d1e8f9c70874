using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Money;
using Payout.Api.Features.Ledger;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Admin;

/// <summary>Our fiat pre-funded at the payout network: top-ups and what is available or reserved.</summary>
public static class NetworkFloat
{
    public sealed record TopUpRequest(decimal? Amount, string? Reference = null);

    public sealed record FloatBalance(string Currency, decimal Available, decimal Reserved);

    public sealed record Response(IReadOnlyList<FloatBalance> Items);

    [ProducesError(ErrorCode.VALIDATION, ErrorCode.CONFLICT)]
    public static async Task<Results<Ok<FloatBalance>, ApiError>> TopUpAsync(
        string currency, TopUpRequest request, ExternalTransfers transfers, LedgerReader ledger, CurrencyCatalog currencies,
        CancellationToken cancellationToken)
    {
        if (!currencies.TryGet(currency, out var fiat) || fiat.Kind != CurrencyKind.Fiat)
        {
            return ApiError.Validation("currency", $"currency must be one of {string.Join(", ", currencies.Fiat.Select(c => c.Code))}.");
        }

        if (request.Amount is not { } amount || AmountRules.Check(amount, fiat) is not null)
        {
            return ApiError.Validation("amount", $"amount must be above 0, at most 1000000000, with at most {fiat.Scale} decimals.");
        }

        if (request.Reference is { Length: > MoveFunds.MaxReferenceLength })
        {
            return ApiError.Validation("reference", $"reference must be at most {MoveFunds.MaxReferenceLength} characters.");
        }

        var reference = string.IsNullOrWhiteSpace(request.Reference) ? null : request.Reference.Trim();
        var topUp = await transfers.ApplyAsync(null, fiat.Code, amount, reference, cancellationToken);
        return topUp.IsSuccess ? TypedResults.Ok(await BalanceOfAsync(fiat, ledger, cancellationToken)) : new ApiError(topUp.Failure);
    }

    public static async Task<Response> ListAsync(LedgerReader ledger, CurrencyCatalog currencies, CancellationToken cancellationToken)
    {
        var items = new List<FloatBalance>();
        foreach (var fiat in currencies.Fiat)
        {
            items.Add(await BalanceOfAsync(fiat, ledger, cancellationToken));
        }

        return new Response(items);
    }

    private static async Task<FloatBalance> BalanceOfAsync(Currency fiat, LedgerReader ledger, CancellationToken cancellationToken) => new(
        fiat.Code,
        await ledger.HouseBalanceAsync(AccountType.NetworkFloat, fiat.Code, cancellationToken),
        await ledger.HouseBalanceAsync(AccountType.FiatInFlight, fiat.Code, cancellationToken));
}
