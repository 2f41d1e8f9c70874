using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Payout.Api.Infrastructure.Persistence;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Audit;

/// <summary>
/// The audit trail (PCI DSS 10.2) through the operator API. The tamper tests change the table behind the service's back
/// and put it back, so the class has an app of its own.
/// </summary>
public sealed class AuditTrailTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    private const string CardNumber = "4012888888881881";

    [Fact]
    public async Task Security_and_money_events_are_recorded_with_their_actor_and_no_card_number_or_password()
    {
        var customer = await app.CreateCustomerAsync(password: "audit-secret-pass-1");
        await app.DepositAsync(customer.Id, "USDT", 100m, reference: $"audit-deposit-{customer.Id}");
        using var admin = app.AdminClient();
        (await admin.PostAsJsonAsync($"/admin/v1/customers/{customer.Id}/withdrawals", new { currency = "USDT", amount = 10m })).EnsureSuccessStatusCode();
        await (await app.RequestTokenAsync(Grant(customer.Phone, "wrong-password-1"))).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        using var client = await app.ClientForAsync(customer);
        var cardId = await app.AddCardAsync(client, CardNumber, withBillingAddress: false);
        (await client.DeleteAsync($"/v4/payout/card/{cardId}")).EnsureSuccessStatusCode();
        (await client.PostAsync("/signout", null)).EnsureSuccessStatusCode();

        var rows = await RowsOfCustomerAsync(customer.Id);

        var types = rows.Select(r => r.GetProperty("type").GetString()).ToList();
        foreach (var expected in new[] { "DEPOSIT", "WITHDRAWAL", "SIGN_IN_FAILED", "SIGN_IN", "CARD_ADDED", "CARD_REMOVED", "TOKENS_REVOKED", "OPERATOR_CALL" })
        {
            Assert.Contains(expected, types);
        }

        var deposit = rows.First(r => r.GetProperty("type").GetString() == "DEPOSIT");
        Assert.StartsWith("admin-key", deposit.GetProperty("actor").GetString());
        Assert.Equal("100", deposit.GetProperty("details").GetProperty("amount").GetString());
        var operatorCall = rows.First(r => r.GetProperty("type").GetString() == "OPERATOR_CALL");
        Assert.StartsWith("sha256:", operatorCall.GetProperty("details").GetProperty("keyId").GetString());
        var added = rows.First(r => r.GetProperty("type").GetString() == "CARD_ADDED");
        Assert.Equal($"customer:{customer.Id}", added.GetProperty("actor").GetString());
        Assert.Equal("4012***1881", added.GetProperty("details").GetProperty("maskedPan").GetString());

        var text = string.Join("\n", rows.Select(r => r.GetRawText()));
        Assert.DoesNotContain(CardNumber, text);
        Assert.DoesNotContain("audit-secret-pass-1", text);
        Assert.DoesNotContain("wrong-password-1", text);
        Assert.DoesNotContain(customer.Phone, text);
    }

    [Fact]
    public async Task Ten_failures_record_the_lockout()
    {
        var customer = await app.CreateCustomerAsync();
        for (var i = 0; i < 10; i++)
        {
            (await app.RequestTokenAsync(Grant(customer.Phone, "wrong-" + i))).Dispose();
        }

        var rows = await RowsOfCustomerAsync(customer.Id);
        Assert.Equal(10, rows.Count(r => r.GetProperty("type").GetString() == "SIGN_IN_FAILED"));
        Assert.Single(rows, r => r.GetProperty("type").GetString() == "SIGN_IN_LOCKED");
    }

    [Fact]
    public async Task The_list_filters_by_type_and_time_and_pages_by_sequence()
    {
        var customer = await app.CreateCustomerAsync();
        await app.DepositAsync(customer.Id, "USDT", 5m);
        await app.DepositAsync(customer.Id, "USDT", 6m);
        using var admin = app.AdminClient();

        var day = app.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var first = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/audit?type=DEPOSIT&from={day}&to={day}&customerId={customer.Id}&size=1");
        var item = Assert.Single(first.GetProperty("items").EnumerateArray());
        Assert.Equal("DEPOSIT", item.GetProperty("type").GetString());
        var next = first.GetProperty("next").GetInt64();
        var second = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/audit?type=DEPOSIT&customerId={customer.Id}&after={next}");
        Assert.Equal("6", Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("details").GetProperty("amount").GetString());

        var tomorrow = app.Clock.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var none = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/audit?from={tomorrow}&customerId={customer.Id}");
        Assert.Empty(none.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("from=0001-01-01&to=9999-12-31")]
    [InlineData("from=9999-12-31T23:59:59Z&to=0001-01-02T00:00:00Z")]
    public async Task The_first_and_last_days_there_are_are_valid_bounds(string query)
    {
        using var admin = app.AdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/v1/audit?" + query)).StatusCode);
    }

    [Theory]
    [InlineData("type=NOT_A_TYPE", "type")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-12-01T10:00:00", "to")]
    [InlineData("size=0", "size")]
    [InlineData("size=501", "size")]
    public async Task A_bad_query_is_400_validation(string query, string field)
    {
        using var admin = app.AdminClient();
        await (await admin.GetAsync("/admin/v1/audit?" + query)).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", field);
    }

    [Fact]
    public async Task A_customer_token_cannot_read_the_trail()
    {
        using var client = await app.ClientForAsync(await app.CreateCustomerAsync());
        await (await client.GetAsync("/admin/v1/audit")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        await (await client.GetAsync("/admin/v1/audit/verify")).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task The_untouched_chain_holds_over_every_row()
    {
        await app.DepositAsync((await app.CreateCustomerAsync()).Id, "USDT", 1m);
        var before = await CountRowsAsync();

        var verification = await VerifyAsync();

        Assert.True(verification.GetProperty("holds").GetBoolean(), verification.GetRawText());
        AssertCoversEveryRow(before, verification, await CountRowsAsync());
    }

    [Fact]
    public async Task A_changed_row_is_detected()
    {
        var sequence = await SomeDepositRowAsync();
        var original = await ScalarAsync<string>($"SELECT details AS \"Value\" FROM audit_events WHERE sequence = {sequence}");
        await SqlAsync($"UPDATE audit_events SET details = '{original.Replace("\"amount\":\"", "\"amount\":\"9", StringComparison.Ordinal)}' WHERE sequence = {sequence}");
        try
        {
            await AssertBrokenAtAsync(sequence);
        }
        finally
        {
            await SqlAsync($"UPDATE audit_events SET details = '{original}' WHERE sequence = {sequence}");
        }

        Assert.True((await VerifyAsync()).GetProperty("holds").GetBoolean());
    }

    [Fact]
    public async Task A_deleted_row_is_detected_and_so_is_a_deleted_last_row()
    {
        var sequence = await SomeDepositRowAsync();
        await AssertDeletionDetectedAsync(sequence, sequence);
        var last = await ScalarAsync<long>("SELECT MAX(sequence) AS \"Value\" FROM audit_events");
        await AssertDeletionDetectedAsync(last, null);
    }

    [Fact]
    public async Task A_reordered_row_is_detected()
    {
        var sequence = await SomeDepositRowAsync();
        await SwapAsync(sequence, sequence + 1);
        try
        {
            await AssertBrokenAtAsync(sequence);
        }
        finally
        {
            await SwapAsync(sequence, sequence + 1);
        }

        Assert.True((await VerifyAsync()).GetProperty("holds").GetBoolean());
    }

    [Fact]
    public async Task Two_processes_appending_at_once_make_one_unbroken_chain()
    {
        await using var second = new PayoutApp(app.Database, app.KeysDirectory);
        await second.InitializeAsync();
        var customer = await app.CreateCustomerAsync();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? app : second).DepositAsync(customer.Id, "USDT", 1m)));

        var before = await CountRowsAsync();
        var verification = await VerifyAsync();
        Assert.True(verification.GetProperty("holds").GetBoolean(), verification.GetRawText());
        AssertCoversEveryRow(before, verification, await CountRowsAsync());
        Assert.Equal(20, (await RowsOfCustomerAsync(customer.Id)).Count(r => r.GetProperty("type").GetString() == "DEPOSIT"));
    }

    /// <summary>Every row there was before the check; the check's own operator-call row comes after it.</summary>
    private static void AssertCoversEveryRow(long before, JsonElement verification, long after) =>
        Assert.InRange(verification.GetProperty("rows").GetInt64(), before, after - 1);

    private async Task AssertDeletionDetectedAsync(long sequence, long? brokenAt)
    {
        var columns = "sequence, occurred_at, type, actor, customer_id, subject, details, key_id, previous_hash, hash";
        await SqlAsync($"CREATE TABLE audit_saved AS SELECT {columns} FROM audit_events WHERE sequence = {sequence}");
        await SqlAsync($"DELETE FROM audit_events WHERE sequence = {sequence}");
        try
        {
            var verification = await VerifyAsync();
            Assert.False(verification.GetProperty("holds").GetBoolean());
            Assert.Equal(brokenAt ?? sequence, verification.GetProperty("brokenAt").GetInt64());
        }
        finally
        {
            await SqlAsync($"INSERT INTO audit_events ({columns}) SELECT {columns} FROM audit_saved");
            await SqlAsync("DROP TABLE audit_saved");
        }

        Assert.True((await VerifyAsync()).GetProperty("holds").GetBoolean());
    }

    /// <summary>Exchanges the places of two rows: each keeps its content, hash and link, but sits where the other was.</summary>
    private async Task SwapAsync(long a, long b)
    {
        await SqlAsync($"UPDATE audit_events SET sequence = -1 WHERE sequence = {a}");
        await SqlAsync($"UPDATE audit_events SET sequence = {a} WHERE sequence = {b}");
        await SqlAsync($"UPDATE audit_events SET sequence = {b} WHERE sequence = -1");
    }

    private async Task AssertBrokenAtAsync(long sequence)
    {
        var verification = await VerifyAsync();
        Assert.False(verification.GetProperty("holds").GetBoolean(), verification.GetRawText());
        Assert.Equal(sequence, verification.GetProperty("brokenAt").GetInt64());
        Assert.False(string.IsNullOrEmpty(verification.GetProperty("problem").GetString()));
    }

    /// <summary>A deposit row with rows after it, of a customer of its own.</summary>
    private async Task<long> SomeDepositRowAsync()
    {
        var customer = await app.CreateCustomerAsync();
        await app.DepositAsync(customer.Id, "USDT", 12m);
        await app.DepositAsync(customer.Id, "USDT", 13m);
        return (await RowsOfCustomerAsync(customer.Id)).First(r => r.GetProperty("type").GetString() == "DEPOSIT").GetProperty("sequence").GetInt64();
    }

    private async Task<JsonElement> VerifyAsync()
    {
        using var admin = app.AdminClient();
        var response = await admin.GetAsync("/admin/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<List<JsonElement>> RowsOfCustomerAsync(long customerId)
    {
        using var admin = app.AdminClient();
        var page = await admin.GetFromJsonAsync<JsonElement>($"/admin/v1/audit?customerId={customerId}&size=500");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    private Task<long> CountRowsAsync() => ScalarAsync<long>("SELECT COUNT(*) AS \"Value\" FROM audit_events");

    private async Task SqlAsync(string sql)
    {
        await using var scope = app.Services.CreateAsyncScope();
        // Raw text, braces and all (no parameters): the JSON of a row's details has braces.
        await scope.ServiceProvider.GetRequiredService<PayoutDbContext>().Database.ExecuteSqlRawAsync(sql.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PayoutDbContext>().Database.SqlQueryRaw<T>(sql).SingleAsync();
    }

    private static Dictionary<string, string> Grant(string number, string password) => new()
    {
        ["grant_type"] = "mobile_phone",
        ["number"] = number,
        ["password"] = password,
    };
}
