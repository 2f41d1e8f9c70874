using Microsoft.EntityFrameworkCore;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Offers;

/// <summary>The offers table: every query on it, in one place.</summary>
public sealed class OfferStore(PayoutDbContext db)
{
    /// <summary>Every column of a new offer but its payout (none yet); the id comes back.</summary>
    private const string InsertSql = """
        INSERT INTO offers (customer_id, card_id, amount, currency_from, currency_to, rate, amount_to, amount_to_eur, transaction_fee,
            network_fee, additional_fee, partner_fee, min_amount_from, max_amount_from, expires_at, max_slippage, created_at, updated_at)
        VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}, {9}, {10}, {11}, {12}, {13}, {14}, {15}, {16}, {17})
        RETURNING id AS "Value"
        """;

    /// <summary>The customer's own offer, tracked for a change — or null, for someone else's as for a missing one.</summary>
    public Task<Offer?> FindAsync(long customerId, long offerId, CancellationToken cancellationToken) =>
        db.Set<Offer>().SingleOrDefaultAsync(o => o.Id == offerId && o.CustomerId == customerId, cancellationToken);

    /// <summary>
    /// A new offer's insert, answering its id: one plain statement (it commits on its own), not tracked, because nothing in the
    /// request changes the offer again. The caller sends it with the answer's read (<see cref="QuoteReads.InsertThenReadOfferAsync"/>).
    /// </summary>
    public static SqlStatement InsertStatement(Offer offer) => new(InsertSql, [
        offer.CustomerId, offer.CardId, offer.Amount, offer.CurrencyFrom, offer.CurrencyTo, offer.Rate, offer.AmountTo, offer.AmountToEur,
        offer.TransactionFee, offer.NetworkFee, offer.AdditionalFee, offer.PartnerFee, offer.MinAmountFrom, offer.MaxAmountFrom,
        offer.ExpiresAt, offer.MaxSlippage, offer.CreatedAt, offer.UpdatedAt,
    ], ExpectedRows: 1, Returns: true);

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);
}
