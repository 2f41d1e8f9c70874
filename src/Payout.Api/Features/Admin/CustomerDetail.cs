using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Limits;
using Payout.Api.Domain.Money;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Customers;
using Payout.Api.Features.Ledger;
using Payout.Api.Features.Offers;
using Payout.Api.Features.Payouts;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Admin;

/// <summary>
/// <c>GET /admin/v1/customers/{customerId}</c>: what an operator needs to help a customer — balances, cards (masked
/// numbers only), KYC level and how much of its limit is used, and the latest payouts.
/// </summary>
public static class CustomerDetail
{
    public const int LatestPayouts = 20;

    public sealed record CardItem(
        long CardId, string CardType, string MaskedPan, string HolderName, int ExpiryYear, int ExpiryMonth, string ValidationStatus,
        bool HasBillingAddress, bool Deleted);

    public sealed record Limit(string KycLevel, decimal LimitEur, decimal UsedEur, decimal RemainingEur, int WindowDays);

    public sealed record Response(
        CustomerResponse Customer, IReadOnlyList<CurrencyBalance> Balances, IReadOnlyList<CardItem> Cards, Limit Limit,
        IReadOnlyList<AdminPayout> Payouts, int PayoutCount);

    [ProducesError(ErrorCode.CUSTOMER_NOT_FOUND)]
    public static async Task<Results<Ok<Response>, ApiError>> HandleAsync(
        long customerId, CustomerRegistry registry, PayoutDbContext db, LedgerReader ledger, Quoting quoting, CurrencyCatalog currencies,
        IOptions<PayoutOptions> payoutOptions, CancellationToken cancellationToken)
    {
        if (await registry.FindAsync(customerId, cancellationToken) is not { } customer)
        {
            return new ApiError(ErrorCode.CUSTOMER_NOT_FOUND);
        }

        var held = await ledger.WalletBalancesAsync(customerId, cancellationToken);
        var balances = currencies.Crypto.Select(c => new CurrencyBalance(c.Code, held.GetValueOrDefault(c.Code))).ToList();
        var cards = await db.Set<Card>().AsNoTracking().Where(c => c.CustomerId == customerId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var options = payoutOptions.Value;
        var limit = KycLimits.LimitFor(customer.KycLevel, options);
        var used = await quoting.UsedLimitEurAsync(customerId, cancellationToken);
        var payouts = db.Set<PayoutOperation>().AsNoTracking().Where(p => p.CustomerId == customerId);
        var latest = await payouts.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id).Take(LatestPayouts).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Response(
            CustomerResponse.From(customer),
            balances,
            cards.Select(c => new CardItem(c.Id, c.CardType, c.MaskedPan, c.HolderName, c.ExpiryYear, c.ExpiryMonth,
                c.ValidationStatus.ToString(), c.BillingAddress is not null, c.DeletedAt is not null)).ToList(),
            new Limit(customer.KycLevel.ToString(), limit, used, KycLimits.RemainingEur(customer.KycLevel, used, options), options.LimitWindowDays),
            latest.Select(AdminPayout.From).ToList(),
            await payouts.CountAsync(cancellationToken)));
    }
}
