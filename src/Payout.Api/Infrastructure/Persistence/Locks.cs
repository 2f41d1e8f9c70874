using Microsoft.EntityFrameworkCore;

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
}
