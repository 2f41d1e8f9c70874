using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Payout.IntegrationTests.Events;

/// <summary>How the fake receiver answers.</summary>
public enum ReceiverMode
{
    Accept,
    Fail,
    Hang,
}

/// <summary>One POST the receiver got: its signature header, its body, and whether it answered 2xx.</summary>
public sealed record ReceivedWebhook(string Signature, string Body, bool Accepted)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public long Sequence => Json.GetProperty("sequence").GetInt64();

    public string ObjectKey => $"{Json.GetProperty("objectType").GetString()}:{Json.GetProperty("objectId").GetInt64()}";

    public int Version => Json.GetProperty("version").GetInt32();
}

/// <summary>A merchant's webhook receiver: one Kestrel server on 127.0.0.1 (a free port) that records every POST.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication server;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();

    private WebhookReceiver(WebApplication server) => this.server = server;

    public Uri Url { get; private set; } = null!;

    public ReceiverMode Mode { get; set; }

    public IReadOnlyList<ReceivedWebhook> Received => [.. received];

    /// <summary>The accepted deliveries in the order they arrived.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. received.Where(r => r.Accepted)];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var receiver = new WebhookReceiver(builder.Build());
        receiver.server.MapPost("/hooks", (Delegate)receiver.ReceiveAsync);
        await receiver.server.StartAsync();
        var address = receiver.server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = new Uri(address + "/hooks");
        return receiver;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task<IResult> ReceiveAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var signature = http.Request.Headers["PayOut-Signature"].ToString();
        var mode = Mode;
        received.Enqueue(new ReceivedWebhook(signature, body, mode == ReceiverMode.Accept));
        switch (mode)
        {
            case ReceiverMode.Accept:
                return Results.Ok();
            case ReceiverMode.Fail:
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
            case ReceiverMode.Hang:
            default:
                // Longer than the sender waits: it gives up first.
                await Task.Delay(TimeSpan.FromSeconds(10), http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.Ok();
        }
    }
}
