using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Payout.Api.Security;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Payouts;

/// <summary>
/// Signed receipts: <c>GET /v4/payout/operations/{id}/receipt</c> answers a compact JWS (ES256) over the payout's terms,
/// verified here with IdentityModel against <c>/.well-known/jwks.json</c>, as any third party would.
/// </summary>
public sealed class ReceiptTests(PayoutApp app) : IClassFixture<PayoutApp>
{
    private static readonly string[] PublicMembers = ["alg", "crv", "kid", "kty", "use", "x", "y"];

    [Fact]
    public async Task A_receipt_verifies_with_the_published_key_and_states_the_payouts_terms()
    {
        var (customer, client, cardId) = await app.PayingCustomerAsync(deposit: 5_000m);
        var paid = await PayAsync(client, cardId, 760.06209697m);
        var operation = await app.WaitForFinalAsync(client, paid.GetProperty("operationId").GetInt64());

        var response = await client.GetAsync($"/v4/payout/operations/{paid.GetProperty("operationId").GetInt64()}/receipt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/jose", response.Content.Headers.ContentType?.MediaType);
        var receipt = await response.Content.ReadAsStringAsync();
        var verified = await VerifyAsync(receipt);
        Assert.True(verified.IsValid, verified.Exception?.Message);
        var header = Part(receipt, 0);
        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal(app.Services.GetRequiredService<KeyStore>().ReceiptSigning.Current.Id, header.GetProperty("kid").GetString());

        var terms = Part(receipt, 1);
        Assert.Equal(("payout", customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), TestCustomer.MerchantId),
            (terms.GetProperty("iss").GetString(), terms.GetProperty("sub").GetString(), terms.GetProperty("merchantId").GetString()));
        Assert.Equal(app.Clock.GetUtcNow().ToUnixTimeSeconds(), terms.GetProperty("iat").GetInt64());
        foreach (var member in new[] { "operationId", "offerId", "status", "amountFrom", "currencyFrom", "amountTo", "currencyTo", "rate", "fee",
                     "totalDebited", "maskedPan", "createdAt", "updatedAt" })
        {
            Assert.Equal(operation.GetProperty(member).GetRawText(), terms.GetProperty(member).GetRawText());
        }

        Assert.Equal("SUCCESS", terms.GetProperty("status").GetString());
        Assert.Equal(760.06209697m, terms.GetProperty("amountFrom").GetDecimal());
        Assert.Equal("4012***1881", terms.GetProperty("maskedPan").GetString());
        Assert.Equal(
            [("TRANSACTION_FEE", 29.37502167m), ("CRYPTERIUM_GAS", 0m), ("ADDITIONAL_FEE", 0m)],
            terms.GetProperty("feeInfo").EnumerateArray().Select(f => (f.GetProperty("type").GetString(), f.GetProperty("value").GetDecimal())));
        Assert.Equal(["PAYOUT_DEBIT", "PAYOUT_SETTLE"], LedgerKinds(terms));
        Assert.DoesNotContain("4012888888881881", receipt + Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(receipt.Split('.')[1])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_payouts_receipt_lists_the_debit_and_the_refund_and_a_pending_one_its_debit_only()
    {
        var (_, client, _) = await app.PayingCustomerAsync();
        var declined = await app.AddCardAsync(client, "4000000000000036");
        var slow = await app.AddCardAsync(client, "4000000000000010");

        var failed = await PayAsync(client, declined, 50m);
        var pending = await PayAsync(client, slow, 50m);
        await app.WaitForFinalAsync(client, failed.GetProperty("operationId").GetInt64());

        var failedTerms = Part(await ReceiptAsync(client, failed), 1);
        var pendingTerms = Part(await ReceiptAsync(client, pending), 1);

        Assert.Equal("FAILED", failedTerms.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, failedTerms.GetProperty("failureReason").ValueKind);
        Assert.Equal(["PAYOUT_DEBIT", "PAYOUT_REFUND"], LedgerKinds(failedTerms));
        Assert.Equal("PENDING", pendingTerms.GetProperty("status").GetString());
        Assert.Equal(["PAYOUT_DEBIT"], LedgerKinds(pendingTerms));
        Assert.True(await IsValidAsync(await ReceiptAsync(client, pending)));
    }

    [Fact]
    public async Task After_a_rotation_old_receipts_still_verify_and_new_ones_carry_the_new_key_id()
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var paid = await PayAsync(client, cardId, 50m);
        var before = await ReceiptAsync(client, paid);

        var rotated = app.Services.GetRequiredService<KeyStore>().AddKey(KeyPurpose.ReceiptSigning);
        var after = await ReceiptAsync(client, paid);

        using var anonymous = app.CreateClient();
        var keys = (await anonymous.GetFromJsonAsync<JsonElement>("/.well-known/jwks.json")).GetProperty("keys").EnumerateArray()
            .Select(k => k.GetProperty("kid").GetString()).ToList();
        Assert.Contains(Part(before, 0).GetProperty("kid").GetString(), keys);
        Assert.Contains(rotated.Id, keys);
        Assert.NotEqual(Part(before, 0).GetProperty("kid").GetString(), rotated.Id);
        Assert.Equal(rotated.Id, Part(after, 0).GetProperty("kid").GetString());
        Assert.True(await IsValidAsync(before));
        Assert.True(await IsValidAsync(after));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_receipt_with_one_changed_character_does_not_verify(int part)
    {
        var (_, client, cardId) = await app.PayingCustomerAsync();
        var receipt = await ReceiptAsync(client, await PayAsync(client, cardId, 50m));
        Assert.True(await IsValidAsync(receipt));

        // A character in the middle of a part carries six whole bits of it (the last one may carry padding only).
        var parts = receipt.Split('.');
        var middle = parts[part].Length / 2;
        parts[part] = parts[part][..middle] + (parts[part][middle] == 'A' ? 'B' : 'A') + parts[part][(middle + 1)..];

        Assert.False(await IsValidAsync(string.Join('.', parts)));
    }

    [Fact]
    public async Task Another_customers_payout_has_no_receipt_the_same_404_as_a_missing_one()
    {
        var (_, owner, cardId) = await app.PayingCustomerAsync();
        var paid = await PayAsync(owner, cardId, 50m);
        var (_, stranger, _) = await app.PayingCustomerAsync();

        var theirs = await stranger.GetAsync($"/v4/payout/operations/{paid.GetProperty("operationId").GetInt64()}/receipt");
        var missing = await stranger.GetAsync("/v4/payout/operations/999999999/receipt");

        var theirsBody = await theirs.AssertErrorAsync(HttpStatusCode.NotFound, "OPERATION_NOT_FOUND");
        var missingBody = await missing.AssertErrorAsync(HttpStatusCode.NotFound, "OPERATION_NOT_FOUND");
        Assert.Equal(missingBody.GetRawText(), theirsBody.GetRawText());
    }

    [Fact]
    public async Task The_key_set_needs_no_credentials_and_has_only_public_members()
    {
        using var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync("/.well-known/jwks.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keys").EnumerateArray().ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Equal(PublicMembers, key.EnumerateObject().Select(m => m.Name).Order(StringComparer.Ordinal));
            Assert.Equal(("EC", "P-256", "ES256", "sig"),
                (key.GetProperty("kty").GetString(), key.GetProperty("crv").GetString(), key.GetProperty("alg").GetString(), key.GetProperty("use").GetString()));
        });
        Assert.Contains("max-age", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> PayAsync(HttpClient client, long cardId, decimal amount)
    {
        var offer = await app.OfferAsync(client, cardId, amount);
        var paid = await app.PayAsync(client, offer.GetProperty("offerId").GetInt64());
        Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
        return await paid.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> ReceiptAsync(HttpClient client, JsonElement payout)
    {
        var response = await client.GetAsync($"/v4/payout/operations/{payout.GetProperty("operationId").GetInt64()}/receipt");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsStringAsync();
    }

    private async Task<bool> IsValidAsync(string receipt) => (await VerifyAsync(receipt)).IsValid;

    /// <summary>As a third party verifies: the published keys, ES256 only, our issuer; a receipt has no expiry.</summary>
    private async Task<TokenValidationResult> VerifyAsync(string receipt)
    {
        using var anonymous = app.CreateClient();
        var keys = new JsonWebKeySet(await anonymous.GetStringAsync("/.well-known/jwks.json"));
        return await new JsonWebTokenHandler().ValidateTokenAsync(receipt, new TokenValidationParameters
        {
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidIssuer = "payout",
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
        });
    }

    private static JsonElement Part(string receipt, int index) =>
        JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(receipt.Split('.')[index])).RootElement;

    private static string[] LedgerKinds(JsonElement terms) =>
        [.. terms.GetProperty("ledgerTransactions").EnumerateArray().Select(t => t.GetProperty("kind").GetString()!)];
}
