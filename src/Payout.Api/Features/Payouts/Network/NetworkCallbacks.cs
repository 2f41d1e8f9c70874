using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Errors;
using Payout.Api.Infrastructure.Errors;
using Payout.Api.Infrastructure.Persistence;
using Payout.Sandbox;

namespace Payout.Api.Features.Payouts.Network;

/// <summary>
/// <c>POST /network/callbacks</c>: the network's signed status updates. A forged, tampered, stale or
/// replayed message is a 401 and changes nothing. A genuine one is applied through the same settlement as
/// every other answer, so it is idempotent and never moves a terminal payout backwards.
/// </summary>
public static class NetworkCallbacks
{
    private const int MaxBodyBytes = 16 * 1024;

    [ProducesError(ErrorCode.UNAUTHORIZED, ErrorCode.VALIDATION)]
    public static async Task<IResult> HandleAsync(
        HttpContext http, PayoutDbContext db, PayoutSettlement settlement, IOptions<PayoutNetworkOptions> options, TimeProvider clock,
        ILogger<PayoutSettlement> logger, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(http.Request, cancellationToken);
        var timestamp = http.Request.Headers[SandboxSignature.TimestampHeader].ToString();
        var signature = http.Request.Headers[SandboxSignature.SignatureHeader].ToString();
        var settings = options.Value;
        if (body is null || !SandboxSignature.Verify(settings.CallbackSecret, timestamp, signature, body, clock.GetUtcNow(),
                TimeSpan.FromSeconds(settings.CallbackToleranceSeconds)))
        {
            logger.LogWarning("Refused a network callback with a bad or stale signature");
            return Refused();
        }

        var update = Parse(body);
        if (update is null || !TryOperationId(update.PayoutId, out var operationId))
        {
            return ApiError.Validation("payoutId", "The callback does not name one of our payouts.");
        }

        // The receipt and the change commit together: a message is applied once, or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Add(new CallbackReceipt { SignatureHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(signature))), ReceivedAt = clock.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            logger.LogWarning("Refused a replayed network callback for payout {OperationId}", operationId);
            return Refused();
        }

        var answer = update.Status switch
        {
            "PAID" => new NetworkAnswer(NetworkOutcome.Paid),
            "DECLINED" => NetworkAnswer.Declined(update.DeclineReason),
            _ => new NetworkAnswer(NetworkOutcome.Pending),
        };
        if (await db.Set<PayoutOperation>().AnyAsync(p => p.Id == operationId, cancellationToken))
        {
            db.Add(PayoutNetworkEvent.Of(operationId, NetworkEventKind.CallbackReceived, answer, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
        }

        await settlement.ApplyAsync(operationId, answer, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new { received = true });
    }

    private static ApiError Refused() => new(ErrorCode.UNAUTHORIZED, "The callback's signature is missing, wrong, stale or replayed.");

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static StatusUpdate? Parse(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<StatusUpdate>(body, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryOperationId(string? payoutId, out long operationId)
    {
        operationId = 0;
        return payoutId is not null && payoutId.StartsWith("op-", StringComparison.Ordinal)
            && long.TryParse(payoutId.AsSpan(3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out operationId);
    }

    /// <summary>The members of the network's callback body that we read (the network's protocol: src/Payout.Sandbox/README.md).</summary>
    public sealed record StatusUpdate(string? PayoutId, string? Status, string? DeclineReason = null);
}
