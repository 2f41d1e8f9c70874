using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Payout.Api.Features.Cards;
using Payout.Api.Infrastructure.Persistence;
using Payout.Api.Security;
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
        using var client = await app.ClientForAsync(await app.CreateCustomerAsync());
        var numbers = TestCards.ValidVisaNumbers(3);
        foreach (var number in numbers)
        {
            await app.AddCardAsync(client, number, withBillingAddress: false);
        }

        await using var scope = app.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<KeyStore>();
        var cipher = scope.ServiceProvider.GetRequiredService<CardCipher>();
        var db = scope.ServiceProvider.GetRequiredService<PayoutDbContext>();
        var oldKey = cipher.CurrentKeyId;

        var (newKey, moved) = await scope.ServiceProvider.GetRequiredService<CardKeyRotation>().RotateAsync(keys, CancellationToken.None);

        Assert.NotEqual(oldKey, newKey);
        Assert.True(moved >= numbers.Count);
        var cards = db.Set<Card>().ToList();
        Assert.All(cards, c => Assert.Equal(newKey, c.EncryptionKeyId));
        var decrypted = cards.Select(c => cipher.Decrypt(c.EncryptionKeyId, c.EncryptedNumber).RevealDigits()).ToHashSet();
        Assert.Superset(numbers.ToHashSet(), decrypted);

        // A card added after the rotation is encrypted under the new key; the old key still reads old backups.
        var latest = await app.AddCardAsync(client, TestCards.ValidVisaNumbers(4)[3], withBillingAddress: false);
        Assert.Equal(newKey, db.Set<Card>().Single(c => c.Id == latest).EncryptionKeyId);
        Assert.Equal(oldKey, keys.CardEncryption.Get(oldKey).Id);
    }

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
