using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Payouts;
using Payout.Api.Features.Auth;
using Payout.Api.Features.Ledger;
using Payout.Api.Features.Offers;
using Payout.Api.Infrastructure.Http;
using Payout.Api.Security;

namespace Payout.Api.Features.Payouts;

/// <summary>
/// Signed receipts: a payout's terms (<see cref="PayoutReceipt"/>) as a compact JWS, ES256 with the current
/// receipt-signing key, its id in the header. Anyone can check one against <c>/.well-known/jwks.json</c>.
/// The payload is our own JSON (exact decimals, ISO instants), signed as it is written.
/// </summary>
public sealed class ReceiptIssuer(
    PayoutStore payouts, LedgerReader ledger, ReceiptKeys keys, CurrencyCatalog currencies, IOptions<AuthOptions> auth,
    IOptions<JsonOptions> json, TimeProvider clock)
{
    /// <summary>The receipt of the customer's own payout — or null, for someone else's as for a missing one.</summary>
    public async Task<string?> IssueAsync(CurrentCustomer customer, long operationId, CancellationToken cancellationToken)
    {
        if (await payouts.FindWithFeesAsync(customer.Id, operationId, cancellationToken) is not { } found)
        {
            return null;
        }

        var (payout, fees) = found;
        var transactions = await ledger.PayoutTransactionsAsync(operationId, cancellationToken);
        var from = currencies.Get(payout.CurrencyFrom);
        var receipt = new PayoutReceipt(
            auth.Value.Issuer,
            customer.Id.ToString(CultureInfo.InvariantCulture),
            clock.GetUtcNow().ToUnixTimeSeconds(),
            customer.MerchantId,
            payout.Id,
            payout.OfferId,
            payout.Status.ToString(),
            payout.AmountFrom,
            payout.CurrencyFrom,
            payout.AmountTo,
            payout.CurrencyTo,
            payout.Rate,
            [.. fees.Lines.Select(line => new FeeInfo(from.Code, line.Name, from.Scale, line.Value, line.Type))],
            payout.Fee,
            payout.TotalDebited,
            payout.MaskedPan,
            payout.Status == PayoutStatus.FAILED ? payout.FailureReason : null,
            payout.CreatedAt,
            payout.UpdatedAt,
            [.. transactions.Select(t => new ReceiptLedgerTransaction(t.Id, t.Kind, t.CreatedAt))]);
        return Sign(JsonSerializer.Serialize(receipt, json.Value.SerializerOptions));
    }

    private string Sign(string payload)
    {
        var (keyId, key) = keys.OpenCurrent();
        using (key)
        {
            // The key is opened for this one signature and disposed: no provider may keep it in a cache.
            var securityKey = new ECDsaSecurityKey(key) { KeyId = keyId, CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };
            return new JsonWebTokenHandler().CreateToken(payload, new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256));
        }
    }
}
