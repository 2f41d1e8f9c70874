using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Money;
using Payout.Api.Features.Audit;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Ledger;

/// <summary>
/// Money crossing the boundary of PayOut's ledger under an operator's instruction: deposits in, withdrawals out,
/// and top-ups of our fiat float at the payout network (no customer).
/// A reference makes the instruction idempotent: the same reference is applied once, then answered again.
/// </summary>
public sealed class ExternalTransfers(
    PayoutDbContext db, LedgerWriter ledger, LedgerReader reader, HouseShardPicker shards, CurrencyCatalog currencies, AuditTrail audit,
    TimeProvider clock)
{
    /// <param name="customerId">The customer, or null for the network float.</param>
    /// <param name="signedAmount">Positive to deposit, negative to withdraw.</param>
    /// <returns>The balance after the transfer (the customer's wallet, or the float).</returns>
    public async Task<Result<decimal>> ApplyAsync(
        long? customerId, string currency, decimal signedAmount, string? reference, CancellationToken cancellationToken)
    {
        if (reference is not null && await FindAsync(reference, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(earlier, customerId, currency, signedAmount, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var movement = customerId switch
        {
            null => await FloatTopUpAsync(currency, signedAmount, cancellationToken),
            { } id when signedAmount > 0 => LedgerTransactions.Deposit(id, currency, signedAmount, shards.Next()),
            { } id => LedgerTransactions.Withdrawal(id, currency, -signedAmount, shards.Next()),
        };
        var (outcome, ledgerTransactionId, _) = await ledger.PostAsync(movement, cancellationToken);
        if (outcome == PostingOutcome.InsufficientFunds)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await ShortfallAsync(customerId, currency, -signedAmount, cancellationToken);
        }

        db.Set<ExternalTransfer>().Add(new ExternalTransfer
        {
            CustomerId = customerId,
            Currency = currency,
            Amount = signedAmount,
            Reference = reference,
            LedgerTransactionId = ledgerTransactionId,
            CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(AuditEntryOf(customerId, currency, signedAmount, reference, ledgerTransactionId), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (reference is not null && DatabaseErrors.IsUniqueViolation(e))
        {
            // A concurrent request with the same reference committed first: ours rolls back whole.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            var winner = await FindAsync(reference, cancellationToken)
                ?? throw new InvalidOperationException("A unique reference was refused but cannot be found.");
            return await ReplayAsync(winner, customerId, currency, signedAmount, cancellationToken);
        }

        return await BalanceAsync(customerId, currency, cancellationToken);
    }

    /// <summary>Who moved it is the operator of the request (<see cref="AuditActor"/>).</summary>
    private static AuditEntry AuditEntryOf(long? customerId, string currency, decimal signedAmount, string? reference, long ledgerTransactionId)
    {
        var type = customerId is null ? AuditEventType.FLOAT_TOP_UP : signedAmount > 0 ? AuditEventType.DEPOSIT : AuditEventType.WITHDRAWAL;
        return new AuditEntry(type, customerId, customerId is { } id ? $"customer:{id}" : $"float:{currency}")
        {
            Details = new Dictionary<string, string?>
            {
                ["currency"] = currency,
                ["amount"] = Math.Abs(signedAmount).ToString(CultureInfo.InvariantCulture),
                ["reference"] = reference,
                ["ledgerTransactionId"] = ledgerTransactionId.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    /// <summary>
    /// The float's shards are locked and the new total is spread evenly over them, so every shard can serve
    /// payouts again — also after consolidations, after the shard count changed, or after an upgrade that found
    /// the whole float on shard 0.
    /// </summary>
    private async Task<LedgerTransaction> FloatTopUpAsync(string fiat, decimal amount, CancellationToken cancellationToken)
    {
        var floats = await ledger.LockShardsAsync(AccountKey.House(AccountType.NetworkFloat, fiat), shards.Count, cancellationToken);
        var moves = HouseShards.EvenOut(floats.ToDictionary(a => a.Shard, a => a.Balance), amount, shards.Count, currencies.Get(fiat).Scale);
        return LedgerTransactions.FloatTopUp(fiat, amount, moves, shards.Next());
    }

    /// <summary>A refused withdrawal says, like a refused payout, how much more the wallet needs (<c>data.needed</c>).</summary>
    private async Task<Failure> ShortfallAsync(long? customerId, string currency, decimal amount, CancellationToken cancellationToken)
    {
        // Both figures are at the currency's scale; only the database's representation (numeric(30,8)) is dropped.
        var needed = Rounding.Normalize(amount - await BalanceAsync(customerId, currency, cancellationToken));
        return new Failure(ErrorCode.INSUFFICIENT_FUNDS, $"The {currency} balance is too low for this withdrawal.", "amount")
        {
            Remedy = new Remedy { Needed = needed, Currency = currency },
        };
    }

    private Task<decimal> BalanceAsync(long? customerId, string currency, CancellationToken cancellationToken) =>
        customerId is { } id
            ? reader.WalletBalanceAsync(id, currency, cancellationToken)
            : reader.HouseBalanceAsync(AccountType.NetworkFloat, currency, cancellationToken);

    private Task<ExternalTransfer?> FindAsync(string reference, CancellationToken cancellationToken) =>
        db.Set<ExternalTransfer>().AsNoTracking().SingleOrDefaultAsync(t => t.Reference == reference, cancellationToken);

    private async Task<Result<decimal>> ReplayAsync(
        ExternalTransfer earlier, long? customerId, string currency, decimal signedAmount, CancellationToken cancellationToken)
    {
        if (earlier.CustomerId != customerId || earlier.Currency != currency || earlier.Amount != signedAmount)
        {
            return new Failure(ErrorCode.CONFLICT, "This reference was already used for a different transfer.", "reference");
        }

        return await BalanceAsync(customerId, currency, cancellationToken);
    }
}
