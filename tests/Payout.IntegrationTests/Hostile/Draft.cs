using System.Globalization;
using System.Text;

namespace Payout.IntegrationTests.Hostile;

/// <summary>
/// A request being built: a valid base for an operation, then one hostile change. Body members are raw JSON (or
/// form) bytes, so a change can put in what no serializer would write: 1e400, a lone surrogate, bytes that are not UTF-8.
/// </summary>
public sealed record Draft(
    ApiOperation Operation,
    string Method,
    IReadOnlyDictionary<string, string> PathValues,
    IReadOnlyList<(string Name, string Value)> Query,
    IReadOnlyList<(string Name, string Value)> Headers,
    IReadOnlyList<(string Name, byte[] Raw)>? Members,
    byte[]? RawBody = null,
    string? ContentType = null,
    bool Chunked = false)
{
    public string PathAndQuery
    {
        get
        {
            var path = PathValues.Aggregate(Operation.Path, (p, v) => p.Replace("{" + v.Key + "}", v.Value, StringComparison.Ordinal));
            return Query.Count == 0 ? path : path + "?" + string.Join("&", Query.Select(q => q.Name + "=" + q.Value));
        }
    }

    public bool IsForm => Operation.Body is { IsJson: false };

    public byte[]? BodyBytes => RawBody ?? (Members is null ? null : IsForm ? Form(Members) : Json(Members));

    public Draft WithMember(string name, byte[] raw) =>
        this with { Members = [.. (Members ?? []).Select(m => m.Name == name ? (name, raw) : m)] };

    public Draft WithoutMember(string name) => this with { Members = [.. (Members ?? []).Where(m => m.Name != name)] };

    public Draft WithExtraMember(string name, byte[] raw) => this with { Members = [.. Members ?? [], (name, raw)] };

    public Draft WithHeader(string name, string value) => this with { Headers = [.. Headers, (name, value)] };

    public Draft WithoutHeader(string name) =>
        this with { Headers = [.. Headers.Where(h => !h.Name.Equals(name, StringComparison.OrdinalIgnoreCase))] };

    public Draft ReplacingHeader(string name, string value) => WithoutHeader(name).WithHeader(name, value);

    public Draft WithQuery(string name, string value) => this with { Query = [.. Query.Where(q => q.Name != name), (name, value)] };

    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), PathAndQuery);
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (BodyBytes is { } bytes)
        {
            message.Content = Chunked ? new StreamContent(new UnknownLengthStream(bytes)) : new ByteArrayContent(bytes);
            message.Content.Headers.Remove("Content-Type");
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }
        }

        return message;
    }

    /// <summary>What a developer needs to send this request again: method, path, headers, body (escaped, shortened).</summary>
    public string Describe()
    {
        var text = new StringBuilder($"{Method} {Shorten(PathAndQuery, 300)}\n");
        foreach (var (name, value) in Headers)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}: {Shorten(Escape(Encoding.UTF8.GetBytes(value)), 120)}\n");
        }

        if (BodyBytes is { } bytes)
        {
            text.Append(CultureInfo.InvariantCulture, $"Content-Type: {ContentType ?? "(none)"}{(Chunked ? " (chunked, no Content-Length)" : "")}\n");
            text.Append(CultureInfo.InvariantCulture, $"Body ({bytes.Length} bytes): {Shorten(Escape(bytes), 400)}\n");
        }

        return text.ToString();
    }

    private static byte[] Json(IReadOnlyList<(string Name, byte[] Raw)> members)
    {
        var body = new List<byte> { (byte)'{' };
        for (var i = 0; i < members.Count; i++)
        {
            body.AddRange(Encoding.UTF8.GetBytes((i > 0 ? "," : "") + "\"" + members[i].Name + "\":"));
            body.AddRange(members[i].Raw);
        }

        body.Add((byte)'}');
        return [.. body];
    }

    private static byte[] Form(IReadOnlyList<(string Name, byte[] Raw)> members) =>
        [.. members.SelectMany((m, i) => Encoding.ASCII.GetBytes((i > 0 ? "&" : "") + m.Name + "=").Concat(m.Raw))];

    /// <summary>Printable ASCII as is; everything else as \xNN, so the reproducer shows exactly the bytes sent.</summary>
    private static string Escape(byte[] bytes) =>
        string.Concat(bytes.Select(b => b is >= 0x20 and < 0x7f and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:x2}"));

    private static string Shorten(string text, int max) =>
        text.Length <= max ? text : $"{text[..max]}… ({text.Length} characters)";

    /// <summary>A body whose length is not known up front: sent without Content-Length, as a chunked client would.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
