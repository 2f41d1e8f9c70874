using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Payout.IntegrationTests.OpenApi;

/// <summary>
/// The document and the docs need no database and no keys beforehand: a PostgreSQL installation whose server
/// is down, started without migrations, still serves them (and the probes say why it is not ready).
/// </summary>
public sealed class DocumentWithoutDatabaseTests : IDisposable
{
    private readonly string keys = Directory.CreateTempSubdirectory("payout-keys-").FullName;
    private readonly WebApplicationFactory<Program> factory;

    public DocumentWithoutDatabaseTests()
    {
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Database:Provider", "Postgres");
            // Port 1 on loopback: nothing listens there, a connection is refused at once.
            b.UseSetting("ConnectionStrings:Payout", "Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=payout;Timeout=3");
            b.UseSetting("Database:MigrateOnStart", "false");
            b.UseSetting("Keys:Directory", keys);
            b.UseSetting("Keys:GenerateMissing", "true");
            b.UseSetting("Admin:ApiKey", "an-admin-key-for-this-test");
        });
    }

    [Fact]
    public async Task The_document_and_the_docs_are_served_with_the_database_down()
    {
        using var client = factory.CreateClient();

        var document = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var paths = JsonDocument.Parse(await document.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v4/payout/offer", out _));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/docs/")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("rates").GetProperty("status").GetString());
    }

    public void Dispose()
    {
        factory.Dispose();
        Directory.Delete(keys, recursive: true);
    }
}
