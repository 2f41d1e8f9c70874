using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Payout.Api.Domain;
using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Ledger;
using Payout.Api.Features.Cards;
using Payout.Api.Features.Offers;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// Execute's first reads, under the customer's lock: the offer with its card and, on PostgreSQL, what the checks need.
/// Neither the offer nor the card is tracked: execute changes the offer with its own statement, and only a slippage band's
/// re-pricing changes it through the context, which attaches it first (<see cref="SlippageRepricer"/>).
/// </summary>
public sealed class ExecutableOffers(PayoutDbContext db, PayoutStore payouts)
{
    /// <summary>SQLite: one compiled query (no LINQ expression built, parameterised and looked up per execute).</summary>
    private static readonly CompiledPerProvider<Func<PayoutDbContext, long, long, CancellationToken, Task<ExecutableOffer?>>> OfferWithCard = new(() =>
        EF.CompileAsyncQuery((PayoutDbContext db, long customerId, long offerId, CancellationToken cancellationToken) =>
            db.Set<Offer>().AsNoTracking()
                .Where(o => o.Id == offerId && o.CustomerId == customerId)
                .Join(db.Set<Card>().AsNoTracking(), o => o.CardId, c => c.Id, (o, c) => new ExecutableOffer(o, c))
                .SingleOrDefault()));

    /// <summary>
    /// PostgreSQL, sent after the customer's lock in the same batch (so it reads after the lock is held): the offer, its card
    /// (every mapped column, in the order <see cref="ReadOffer"/> and <see cref="ReadCard"/> read them), and the facts
    /// <c>QuoteReads.OfferAsync</c> reads — the wallet of the offer's currency (found by customer, type and currency: the one
    /// row its code names), the KYC limit used in the window, the float of its fiat. A schema change to these columns must
    /// change it too; the execute tests on PostgreSQL catch a difference.
    /// </summary>
    private static readonly string OfferWithCardAndFactsSql = $"""
        SELECT o.id, o.customer_id, o.card_id, o.amount, o.currency_from, o.currency_to, o.rate, o.amount_to, o.amount_to_eur,
            o.transaction_fee, o.network_fee, o.additional_fee, o.partner_fee, o.min_amount_from, o.max_amount_from, o.expires_at,
            o.max_slippage, o.created_at, o.updated_at, o.operation_id,
            c.id, c.customer_id, c.brand, c.masked_pan, c.fingerprint, c.fingerprint_key_id, c.encryption_key_id, c.encrypted_number,
            c.holder_name, c.expiry_year, c.expiry_month, c.validation_status, c.created_at, c.updated_at, c.deleted_at,
            c.billing_address_address, c.billing_address_city, c.billing_address_country_code, c.billing_address_zip, c.billing_address_state,
            (SELECT w.balance FROM ledger_accounts w WHERE w.customer_id = o.customer_id AND w.type = $3 AND w.currency = o.currency_from),
            ({QuoteReads.UsedLimitSql("o.customer_id", ["$4", "$5", "$6", "$7"])}),
            ({QuoteReads.FloatAvailableSql("$8", "o.currency_to")})
        FROM offers o JOIN cards c ON c.id = o.card_id
        WHERE o.id = $1 AND o.customer_id = $2
        """;

    /// <summary>
    /// Locks the customer (<see cref="PayoutStore.LockCustomerForExecuteAsync"/>: its KYC level from the locked row, and on PostgreSQL
    /// a payout id drawn), then reads the customer's own offer with its card — none, for someone else's as for a missing one.
    /// On PostgreSQL the lock, the offer and the checks' facts are one round trip; SQLite (in-process) reads the facts later.
    /// </summary>
    /// <param name="since">Where the KYC limit's window starts.</param>
    public async Task<LockedOffer> LockAndFindAsync(long customerId, long offerId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (db.Provider != DatabaseProvider.Postgres)
        {
            var (level, _) = await payouts.LockCustomerForExecuteAsync(customerId, cancellationToken);
            return new LockedOffer(level, null, await OfferWithCard.For(db)(db, customerId, offerId, cancellationToken), null);
        }

        return (await LockAndFindManyAsync([(customerId, offerId)], since, cancellationToken))[0];
    }

    /// <summary>
    /// PostgreSQL: <see cref="LockAndFindAsync"/> for several customers' executes in one round trip, each customer's lock
    /// followed by its read. The caller orders them by customer (the lock order) and names each customer once.
    /// </summary>
    public async Task<IReadOnlyList<LockedOffer>> LockAndFindManyAsync(
        IReadOnlyList<(long CustomerId, long OfferId)> executes, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var transaction = (NpgsqlTransaction)(db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The customer's lock is taken inside the caller's transaction."));
        await using var batch = new NpgsqlBatch(transaction.Connection, transaction) { Timeout = db.Database.GetCommandTimeout() ?? 30 };
        foreach (var (customerId, offerId) in executes)
        {
            batch.BatchCommands.Add(PayoutStore.LockCustomerDrawingIdCommand(customerId));
            var read = new NpgsqlBatchCommand(OfferWithCardAndFactsSql);
            read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = offerId });
            read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = customerId });
            read.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)AccountType.CustomerWallet });
            QuoteReads.AddLimitParameters(read.Parameters, since);
            read.Parameters.Add(new NpgsqlParameter<int> { TypedValue = (int)AccountType.NetworkFloat });
            batch.BatchCommands.Add(read);
        }

        var found = new List<LockedOffer>(executes.Count);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        foreach (var (customerId, _) in executes)
        {
            if (found.Count > 0)
            {
                await reader.NextResultAsync(cancellationToken);
            }

            var (kycLevel, payoutId) = await reader.ReadAsync(cancellationToken)
                ? (Enum.Parse<KycLevel>(reader.GetString(0)), reader.GetInt64(1))
                : throw new InvalidOperationException($"Customer {customerId} does not exist.");
            await reader.NextResultAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                found.Add(new LockedOffer(kycLevel, payoutId, null, null));
                continue;
            }

            var offer = ReadOffer(reader);
            var card = ReadCard(reader, 20);
            var facts = new QuoteReads.OfferFacts(
                reader.IsDBNull(40) ? 0m : reader.GetDecimal(40), reader.GetDecimal(41), reader.GetDecimal(42));
            found.Add(new LockedOffer(kycLevel, payoutId, new ExecutableOffer(offer, card), facts));
        }

        return found;
    }

    private static Offer ReadOffer(NpgsqlDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        CustomerId = reader.GetInt64(1),
        CardId = reader.GetInt64(2),
        Amount = reader.GetDecimal(3),
        CurrencyFrom = reader.GetString(4),
        CurrencyTo = reader.GetString(5),
        Rate = reader.GetDecimal(6),
        AmountTo = reader.GetDecimal(7),
        AmountToEur = reader.GetDecimal(8),
        TransactionFee = reader.GetDecimal(9),
        NetworkFee = reader.GetDecimal(10),
        AdditionalFee = reader.GetDecimal(11),
        PartnerFee = reader.GetDecimal(12),
        MinAmountFrom = reader.GetDecimal(13),
        MaxAmountFrom = reader.GetDecimal(14),
        ExpiresAt = reader.GetFieldValue<DateTimeOffset>(15),
        MaxSlippage = reader.GetDecimal(16),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(17),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(18),
        OperationId = reader.IsDBNull(19) ? null : reader.GetInt64(19),
    };

    /// <summary>The card's columns from <paramref name="at"/> on; its billing address exists when its required columns are set.</summary>
    private static Card ReadCard(NpgsqlDataReader reader, int at) => new()
    {
        Id = reader.GetInt64(at),
        CustomerId = reader.GetInt64(at + 1),
        Brand = Enum.Parse<CardBrand>(reader.GetString(at + 2)),
        MaskedPan = reader.GetString(at + 3),
        Fingerprint = reader.GetString(at + 4),
        FingerprintKeyId = reader.GetString(at + 5),
        EncryptionKeyId = reader.GetString(at + 6),
        EncryptedNumber = reader.GetFieldValue<byte[]>(at + 7),
        HolderName = reader.GetString(at + 8),
        ExpiryYear = reader.GetInt32(at + 9),
        ExpiryMonth = reader.GetInt32(at + 10),
        ValidationStatus = Enum.Parse<CardValidationStatus>(reader.GetString(at + 11)),
        CreatedAt = reader.GetFieldValue<DateTimeOffset>(at + 12),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(at + 13),
        DeletedAt = reader.IsDBNull(at + 14) ? null : reader.GetFieldValue<DateTimeOffset>(at + 14),
        BillingAddress = reader.IsDBNull(at + 15) || reader.IsDBNull(at + 16) || reader.IsDBNull(at + 17) || reader.IsDBNull(at + 18)
            ? null
            : new BillingAddress
            {
                Address = reader.GetString(at + 15),
                City = reader.GetString(at + 16),
                CountryCode = reader.GetString(at + 17),
                Zip = reader.GetString(at + 18),
                State = reader.IsDBNull(at + 19) ? null : reader.GetString(at + 19),
            },
    };
}

/// <summary>An offer as execute reads it, with the card it pays.</summary>
public sealed record ExecutableOffer(Offer Offer, Card Card);

/// <summary>
/// What execute read under the customer's lock: the KYC level of the locked row, the payout id drawn (PostgreSQL), the offer
/// (null: not found) and the checks' facts (PostgreSQL; SQLite reads them after the slippage band had its say).
/// </summary>
public sealed record LockedOffer(KycLevel Level, long? PayoutId, ExecutableOffer? Offer, QuoteReads.OfferFacts? Facts);
