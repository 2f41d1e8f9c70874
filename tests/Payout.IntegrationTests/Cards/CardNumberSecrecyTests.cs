using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Payout.Api.Features.Cards;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Cards;

/// <summary>Every log category at Trace (the framework's request logs, EF Core's commands): the most a log can hold.</summary>
public sealed class VerboseLogsApp : PayoutApp
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
    };
}

/// <summary>
/// PCI DSS 3.4: after cards are added — also through rejected and failing requests — the number is found
/// nowhere: not in the database file or dump, not in any log line (as captured, and as the JSON console writes
/// it, scopes included, with every category at Trace), not in any response.
/// </summary>
public sealed class CardNumberSecrecyTests(VerboseLogsApp app) : IClassFixture<VerboseLogsApp>
{
    private const string Number = "5105105105105100";

    [Fact]
    public async Task A_card_number_is_absent_from_the_database_the_logs_and_every_response()
    {
        using var client = await app.ClientForAsync(await app.CreateCustomerAsync());
        var responses = new StringBuilder();
        async Task SendAsync(HttpRequestMessage request)
        {
            var response = await client.SendAsync(request);
            responses.AppendLine(response.ToString()).AppendLine(await response.Content.ReadAsStringAsync());
        }

        // Accepted as an integer and as a string; rejected for a bad holder, an expired date, a bad type
        // elsewhere in the body, broken JSON, and without the SDK header.
        await SendAsync(Post($"{{\"cardNumber\": {Number}, \"cardHolder\": \"Jane Doe\", \"cardExpirationYear\": 2030, \"cardExpirationMonth\": 12, \"cvv\": 737}}"));
        await SendAsync(Post($"{{\"cardNumber\": \"{Number}\", \"cardHolder\": \"Jane Doe\", \"cardExpirationYear\": 2031, \"cardExpirationMonth\": 1}}"));
        await SendAsync(Post($"{{\"cardNumber\": \"{Number}\", \"cardHolder\": \"J4ne\", \"cardExpirationYear\": 2031, \"cardExpirationMonth\": 1}}"));
        await SendAsync(Post($"{{\"cardNumber\": {Number}, \"cardHolder\": \"Jane Doe\", \"cardExpirationYear\": 2020, \"cardExpirationMonth\": 1}}"));
        await SendAsync(Post($"{{\"cardNumber\": {Number}, \"cardHolder\": \"Jane Doe\", \"cardExpirationYear\": \"soon\", \"cardExpirationMonth\": 1}}"));
        await SendAsync(Post($"{{\"cardNumber\": {Number}, \"cardHolder\": \"Jane Doe\", "));
        var noSdk = Post($"{{\"cardNumber\": {Number}, \"cardHolder\": \"Jane Doe\", \"cardExpirationYear\": 2030, \"cardExpirationMonth\": 12}}");
        noSdk.Headers.TryAddWithoutValidation("X-Sdk-Version", "0.1");
        await SendAsync(noSdk);

        AssertAbsent("responses", Encoding.UTF8.GetBytes(responses.ToString()));
        AssertAbsent("logs", Encoding.UTF8.GetBytes(string.Join('\n', app.Logs.Lines)));
        Assert.NotEmpty(app.Logs.Lines);
        AssertAbsent("console (JSON) logs", Encoding.UTF8.GetBytes(string.Join('\n', app.ConsoleLines.Lines)));
        Assert.Contains(app.ConsoleLines.Lines, line => line.Contains("/v4/payout/card", StringComparison.Ordinal));
        AssertAbsent("database", await ReadDatabaseAsync());
    }

    [Fact]
    public async Task Cards_added_under_an_old_key_stay_readable_and_the_rotation_moves_them_all()
    {
        var (_, client, payableCard) = await app.PayingCustomerAsync();
        var numbers = TestCards.ValidVisaNumbers(3);
        foreach (var number in numbers)
        {
            await app.AddCardAsync(client, number, withBillingAddress: false);
        }

        var oldKeys = await CardKeyIdsAsync();
        await app.Inside.RunCommandAsync("rotate-card-key");

        var newKey = Assert.Single(await CardKeyIdsAsync());
        Assert.DoesNotContain(newKey, oldKeys);
        // Readable under the new key: a card added before the rotation is still paid out to (the network gets its number).
        Assert.Equal("SUCCESS", (await app.PayOutAsync(client, payableCard, 50m)).GetProperty("status").GetString());
        // A card added after the rotation is encrypted under the new key too.
        await app.AddCardAsync(client, TestCards.ValidVisaNumbers(4)[3], withBillingAddress: false);
        Assert.Equal([newKey], await CardKeyIdsAsync());
    }

    /// <summary>The encryption keys the stored cards are under (every customer's: the rotation moves them all).</summary>
    private Task<List<string>> CardKeyIdsAsync() =>
        app.Inside.ReadDatabaseAsync(db => db.Set<Card>().Select(c => c.EncryptionKeyId).Distinct().ToListAsync());

    private static HttpRequestMessage Post(string json) => new(HttpMethod.Post, "/v4/payout/card")
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };

    /// <summary>As text (ASCII and UTF-16) and as the integer's bytes in both byte orders.</summary>
    private static void AssertAbsent(string where, byte[] haystack)
    {
        var value = long.Parse(Number, System.Globalization.CultureInfo.InvariantCulture);
        var little = new byte[8];
        var big = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(little, value);
        BinaryPrimitives.WriteInt64BigEndian(big, value);
        foreach (var needle in new[] { Encoding.ASCII.GetBytes(Number), Encoding.Unicode.GetBytes(Number), little, big })
        {
            Assert.True(haystack.AsSpan().IndexOf(needle) < 0, $"The card number was found in the {where}.");
        }
    }

    private async Task<byte[]> ReadDatabaseAsync()
    {
        if (!app.Database.IsPostgres)
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(app.Database.ConnectionString).DataSource;
            var files = new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists);
            return files.SelectMany(ReadShared).ToArray();
        }

        var dump = PgDump();
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(app.Database.ConnectionString);
        var start = new ProcessStartInfo(dump, ["-h", builder.Host!, "-p", builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", builder.Username!, "-d", builder.Database!, "--data-only", "--inserts"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["PGPASSWORD"] = builder.Password ?? "";
        using var process = Process.Start(start)!;
        using var output = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(output);
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("INSERT INTO public.cards", Encoding.UTF8.GetString(output.ToArray()), StringComparison.Ordinal);
        return output.ToArray();
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static string PgDump() =>
        Directory.GetDirectories("/usr/lib/postgresql").OrderDescending()
            .Select(d => Path.Combine(d, "bin", "pg_dump"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("pg_dump not found under /usr/lib/postgresql.");
}
