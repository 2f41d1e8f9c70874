using System.Text.Json;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Infrastructure.Events;

/// <summary>
/// The one seam every change goes through to become a merchant event: one INSERT in the caller's transaction, so the
/// event exists exactly when the change does. The merchant comes from the customer's row and the version from the
/// object's earlier events, in the same statement. The caller holds the object's lock (the payout's conditional
/// update, the customer's lock for cards and KYC), so versions of one object never race.
/// </summary>
public sealed class MerchantEvents(PayoutDbContext db, TimeProvider clock)
{
    /// <summary>{0} type, {1} object type, {2} object id, {3} payload JSON, {4} created at, {5} customer id.</summary>
    private const string InsertSql = """
        INSERT INTO merchant_events (merchant_id, customer_id, type, object_type, object_id, version, payload, created_at)
        SELECT c.merchant_id, c.id, {0}, {1}, {2},
            COALESCE((SELECT MAX(e.version) FROM merchant_events e WHERE e.object_type = {1} AND e.object_id = {2}), 0) + 1,
            {3}, {4}
        FROM customers c WHERE c.id = {5}
        """;

    /// <summary>
    /// The append as a statement for a batch of the caller's (it must run in the transaction of the change): values as
    /// the model holds them, and an error unless exactly one row is written (the customer exists).
    /// </summary>
    public SqlStatement Statement(MerchantEventType type, long customerId, long objectId, object payload) =>
        Insert(type, customerId, objectId, payload) with { ExpectedRows = 1 };

    /// <summary>Appends <paramref name="type"/> for object <paramref name="objectId"/> of <paramref name="customerId"/>, with the object as it is now.</summary>
    public async Task AppendAsync(MerchantEventType type, long customerId, long objectId, object payload, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException($"A {type.Name} event must be written in the transaction of its change.");
        }

        var written = await SqlBatch.ExecuteAsync(db, [Insert(type, customerId, objectId, payload)], cancellationToken);
        if (written.Rows[0] != 1)
        {
            throw new InvalidOperationException($"No customer {customerId} for a {type.Name} event.");
        }
    }

    private SqlStatement Insert(MerchantEventType type, long customerId, long objectId, object payload) =>
        new(InsertSql, [type.Name, type.ObjectType, objectId, JsonSerializer.Serialize(payload, payload.GetType(), EventJson.Options), clock.GetUtcNow(), customerId]);
}
