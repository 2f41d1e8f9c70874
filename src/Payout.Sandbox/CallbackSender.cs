using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Payout.Sandbox;

/// <summary>Sends one signed callback. Retrying is the <see cref="SandboxWorker"/>'s job.</summary>
internal sealed class CallbackSender(
    IHttpClientFactory clients, TimeProvider time, IOptions<SandboxOptions> options, ILogger<CallbackSender> logger)
{
    /// <summary>True when the receiver answered 2xx.</summary>
    public async Task<bool> TrySendAsync(SandboxPayout payout, Uri callbackUrl, CancellationToken cancellationToken)
    {
        // Signed over the exact bytes sent: the receiver verifies the raw body, not a re-serialized one.
        var body = JsonSerializer.SerializeToUtf8Bytes(PayoutResponse.From(payout), SandboxJson.Options);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, callbackUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(SandboxSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SandboxSignature.SignatureHeader, SandboxSignature.Compute(options.Value.CallbackSecret, timestamp, body));

        try
        {
            using var response = await clients.CreateClient(SandboxSetup.CallbackClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return true;
            }

            logger.LogWarning("Callback for payout {PayoutId} answered {StatusCode}", payout.PayoutId, (int)response.StatusCode);
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A timeout or a refused connection is the receiver's problem, retried later; only the type is logged.
            logger.LogWarning("Callback for payout {PayoutId} failed: {Error}", payout.PayoutId, e.GetType().Name);
            return false;
        }
    }
}
