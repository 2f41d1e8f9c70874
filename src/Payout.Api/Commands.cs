using Payout.Api.Features.Audit;
using Payout.Api.Features.Cards;
using Payout.Api.Infrastructure.Persistence;
using Payout.Api.Security;

namespace Payout.Api;

/// <summary>
/// Operator commands that use the service's own configuration and code but do not start it:
/// <c>dotnet run --project src/Payout.Api -- migrate</c> (or <c>rotate-card-key</c>, <c>reencrypt-cards</c>,
/// <c>rotate-receipt-key</c>, <c>rotate-fingerprint-key</c>, <c>refingerprint-cards</c>). Each rotation is written to the
/// audit trail as the command's.
/// </summary>
public static class Commands
{
    private static readonly string[] Known =
        ["migrate", "rotate-card-key", "reencrypt-cards", "rotate-receipt-key", "rotate-fingerprint-key", "refingerprint-cards"];

    public static bool IsCommand(string argument) => Known.Contains(argument, StringComparer.Ordinal);

    public static async Task<int> RunAsync(string command, IServiceProvider services)
    {
        await DatabaseSetup.MigrateAsync(services, CancellationToken.None);
        await using var scope = services.CreateAsyncScope();
        // Who ran it, as far as the machine knows: the audit rows name the command and the OS user.
        scope.ServiceProvider.GetRequiredService<AuditActor>().Name = $"command:{command} ({Environment.UserName})";
        var rotation = scope.ServiceProvider.GetRequiredService<CardKeyRotation>();
        var fingerprints = scope.ServiceProvider.GetRequiredService<CardFingerprintRotation>();
        switch (command)
        {
            case "rotate-card-key":
                var (keyId, rotated) = await rotation.RotateAsync(services.GetRequiredService<KeyStore>(), CancellationToken.None);
                Console.WriteLine($"Card-encryption key {keyId} is now current; {rotated} cards re-encrypted.");
                break;
            case "rotate-receipt-key":
                // Nothing to re-sign: older keys stay in the ring and in /.well-known/jwks.json, so old receipts still verify.
                var receiptKey = services.GetRequiredService<KeyStore>().AddKey(KeyPurpose.ReceiptSigning);
                await scope.ServiceProvider.GetRequiredService<AuditTrail>()
                    .AppendAsync(new AuditEntry(AuditEventType.KEY_ROTATED, Subject: $"key:{receiptKey}"), CancellationToken.None);
                Console.WriteLine($"Receipt-signing key {receiptKey.Id} is now current; older keys still verify the receipts they signed.");
                break;
            case "reencrypt-cards":
                var moved = await rotation.ReEncryptAllAsync(CancellationToken.None);
                Console.WriteLine($"{moved} cards re-encrypted.");
                break;
            case "rotate-fingerprint-key":
                var (fingerprintKeyId, refingerprinted) = await fingerprints.RotateAsync(services.GetRequiredService<KeyStore>(), CancellationToken.None);
                Console.WriteLine($"Card-fingerprint key {fingerprintKeyId} is now current; {refingerprinted} cards re-fingerprinted.");
                break;
            case "refingerprint-cards":
                Console.WriteLine($"{await fingerprints.RefingerprintAllAsync(CancellationToken.None)} cards re-fingerprinted.");
                break;
            default:
                Console.WriteLine("Migrations applied.");
                break;
        }

        return 0;
    }
}
