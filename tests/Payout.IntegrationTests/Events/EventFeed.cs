using System.Net.Http.Json;
using System.Text.Json;

namespace Payout.IntegrationTests.Events;

/// <summary>One event as a consumer of <c>/admin/v1/events</c> keeps it.</summary>
public sealed record ReadEvent(long Sequence, string Type, string MerchantId, long CustomerId, string ObjectType, long ObjectId, int Version, JsonElement Data)
{
    public static ReadEvent From(JsonElement e) => new(
        e.GetProperty("sequence").GetInt64(), e.GetProperty("type").GetString()!, e.GetProperty("merchantId").GetString()!,
        e.GetProperty("customerId").GetInt64(), e.GetProperty("objectType").GetString()!, e.GetProperty("objectId").GetInt64(),
        e.GetProperty("version").GetInt32(), e.GetProperty("data").Clone());

    public override string ToString() => $"#{Sequence} {Type} {ObjectType}:{ObjectId} v{Version}";
}

/// <summary>A consumer of <c>/admin/v1/events</c>: reads on from its cursor, page by page, as a merchant's app would.</summary>
public sealed class EventFeed
{
    public long Cursor { get; private set; }

    public List<ReadEvent> Events { get; } = [];

    /// <summary>Reads every page there is now after the cursor; answers what it read.</summary>
    public async Task<List<ReadEvent>> ReadOnAsync(HttpClient client, int limit = 100)
    {
        var read = new List<ReadEvent>();
        while (true)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/admin/v1/events?after={Cursor}&limit={limit}");
            var items = page.GetProperty("items").EnumerateArray().Select(ReadEvent.From).ToList();
            read.AddRange(items);
            Cursor = page.GetProperty("next").GetInt64();
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                Events.AddRange(read);
                return read;
            }
        }
    }

    public List<ReadEvent> Of(string objectType, long objectId) =>
        [.. Events.Where(e => e.ObjectType == objectType && e.ObjectId == objectId)];
}
