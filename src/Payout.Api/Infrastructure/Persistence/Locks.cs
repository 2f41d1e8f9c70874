using Microsoft.EntityFrameworkCore;
using Payout.Api.Domain;

namespace Payout.Api.Infrastructure.Persistence;

public static class Locks
{
    /// <summary>
    /// Serialises money-moving work for one customer across every API process, inside the caller's
    /// transaction. PostgreSQL: a row lock on the customer. SQLite: the transaction already holds the
    /// database's single write lock (BEGIN IMMEDIATE), which is stronger still.
    /// </summary>
    public static async Task LockCustomerAsync(this PayoutDbContext db, long customerId, CancellationToken cancellationToken)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"SELECT id FROM customers WHERE id = {customerId} FOR UPDATE", cancellationToken);
        }
    }

    /// <summary>
    /// <see cref="LockCustomerAsync"/>, answering the customer's KYC level as the locked row holds it: what a money
    /// rule must use, rather than the level cached at sign-in, so a downgrade takes effect at once.
    /// </summary>
    public static async Task<KycLevel> LockCustomerReadingKycAsync(this PayoutDbContext db, long customerId, CancellationToken cancellationToken)
    {
        var query = db.Provider == DatabaseProvider.Postgres
            ? db.Database.SqlQuery<string>($"SELECT kyc_level AS \"Value\" FROM customers WHERE id = {customerId} FOR UPDATE")
            : db.Database.SqlQuery<string>($"SELECT kyc_level AS \"Value\" FROM customers WHERE id = {customerId}");
        var levels = await query.ToListAsync(cancellationToken);
        return levels is [var level]
            ? Enum.Parse<KycLevel>(level)
            : throw new InvalidOperationException($"Customer {customerId} does not exist.");
    }
}
