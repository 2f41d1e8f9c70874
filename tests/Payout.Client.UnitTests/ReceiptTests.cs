using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Payout.Client.UnitTests;

/// <summary>
/// Receipts: fetched as the API answers them (a compact JWS) and verified with ES256 against a key set, here one made
/// by the test with the platform's ECDSA, as the service makes its own.
/// </summary>
public sealed class ReceiptTests : IDisposable
{
    private const string Terms = """
        {"iss": "payout", "sub": "5", "iat": 1795435205, "merchantId": "bece038f-2e46-49f4-b25e-89cd38d6dc16",
         "operationId": 9001, "offerId": 7, "status": "SUCCESS", "amountFrom": 760.06209697, "currencyFrom": "USDT",
         "amountTo": 685.27, "currencyTo": "EUR", "rate": 0.9016,
         "feeInfo": [{"currency": "USDT", "name": "Transaction fee", "scale": 8, "value": 29.37502167, "type": "TRANSACTION_FEE"},
                     {"currency": "USDT", "name": "Crypterium GAS", "scale": 8, "value": 0, "type": "CRYPTERIUM_GAS"},
                     {"currency": "USDT", "name": "Additional fee", "scale": 8, "value": 0, "type": "ADDITIONAL_FEE"}],
         "fee": 29.37502167, "totalDebited": 789.43711864, "maskedPan": "4012***1881", "failureReason": null,
         "createdAt": "2026-11-23T12:00:00.000Z", "updatedAt": "2026-11-23T12:00:05.000Z",
         "ledgerTransactions": [{"id": 41, "kind": "PAYOUT_DEBIT", "createdAt": "2026-11-23T12:00:00.000Z"},
                                {"id": 45, "kind": "PAYOUT_SETTLE", "createdAt": "2026-11-23T12:00:05.000Z"}]}
        """;

    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        key.Dispose();
        otherKey.Dispose();
    }

    [Fact]
    public void Verify_AReceiptSignedByAKeyOfTheSet_ReturnsItsTerms()
    {
        var terms = ReceiptVerifier.Verify(Sign(Terms), KeySet(("k1", otherKey), ("k2", key)));

        Assert.Equal(("k2", "payout", "5", 9001L, 7L, PayoutStatus.Success), (terms.KeyId, terms.Issuer, terms.CustomerId, terms.OperationId, terms.OfferId, terms.Status));
        Assert.Equal((760.06209697m, 685.27m, 0.9016m, 789.43711864m), (terms.AmountFrom, terms.AmountTo, terms.Rate, terms.TotalDebited));
        Assert.Equal([FeeTypes.TransactionFee, FeeTypes.CrypteriumGas, FeeTypes.AdditionalFee], terms.FeeInfo.Select(f => f.Type));
        Assert.Equal([(41L, "PAYOUT_DEBIT"), (45L, "PAYOUT_SETTLE")], terms.LedgerTransactions.Select(t => (t.Id, t.Kind)));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795435205), terms.IssuedAt);
        Assert.Equal("4012***1881", terms.MaskedPan);
    }

    [Fact]
    public void Verify_AChangedCharacterInAnyPart_Throws()
    {
        var receipt = Sign(Terms);
        var keys = KeySet(("k2", key));

        foreach (var part in new[] { 0, 1, 2 })
        {
            var parts = receipt.Split('.');
            var middle = parts[part].Length / 2;
            parts[part] = parts[part][..middle] + (parts[part][middle] == 'A' ? 'B' : 'A') + parts[part][(middle + 1)..];
            Assert.False(ReceiptVerifier.TryVerify(string.Join('.', parts), keys, out _), $"part {part}");
        }

        Assert.True(ReceiptVerifier.TryVerify(receipt, keys, out _));
    }

    [Fact]
    public void Verify_ASignatureByAnotherKeyUnderTheSameId_Throws()
    {
        var error = Assert.Throws<ReceiptVerificationException>(() => ReceiptVerifier.Verify(Sign(Terms), KeySet(("k2", otherKey))));

        Assert.Contains("does not verify", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AnUnknownKeyId_SaysToFetchTheKeysAgain()
    {
        var error = Assert.Throws<ReceiptVerificationException>(() => ReceiptVerifier.Verify(Sign(Terms), KeySet(("k1", key))));

        Assert.Contains("fetch the service's key set again", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("ES384")]
    public void Verify_AnyOtherAlgorithm_Throws(string alg)
    {
        var header = Encode($$"""{"alg":"{{alg}}","kid":"k2","typ":"JWT"}""");
        var payload = Encode(Terms);
        var signature = alg == "none" ? "" : Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256));

        Assert.Throws<ReceiptVerificationException>(() => ReceiptVerifier.Verify($"{header}.{payload}.{signature}", KeySet(("k2", key))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("!!.??.**")]
    public void Verify_SomethingThatIsNoJws_Throws(string receipt) =>
        Assert.Throws<ReceiptVerificationException>(() => ReceiptVerifier.Verify(receipt, KeySet(("k2", key))));

    [Fact]
    public async Task GetVerifiedReceipt_FetchesTheReceiptAndTheServicesKeys_AndVerifies()
    {
        var jwks = KeySetJson(("k2", key));
        var stub = StubHandler.InTurn(() => Jose(Sign(Terms)), () => Answers.Json(jwks));

        var terms = await TestClients.Payout(stub).GetVerifiedReceiptAsync(9001);

        Assert.Equal(9001, terms.OperationId);
        Assert.Equal(["/v4/payout/operations/9001/receipt", "/.well-known/jwks.json"], stub.Requests.Select(r => r.PathAndQuery));
        Assert.Equal("Bearer at-1", stub.Requests[0].Header("Authorization"));
        Assert.Null(stub.Requests[1].Header("Authorization"));
    }

    [Fact]
    public async Task GetVerifiedReceipt_WithKeysGiven_AsksOnlyForTheReceipt()
    {
        var stub = StubHandler.InTurn(() => Jose(Sign(Terms)));

        await TestClients.Payout(stub).GetVerifiedReceiptAsync(9001, ReceiptKeySet.Parse(KeySetJson(("k2", key))));

        Assert.Equal("/v4/payout/operations/9001/receipt", stub.Single.PathAndQuery);
    }

    [Fact]
    public async Task GetVerifiedReceipt_AReceiptForAnotherOperation_Throws()
    {
        var stub = StubHandler.InTurn(() => Jose(Sign(Terms)));

        var error = await Assert.ThrowsAsync<ReceiptVerificationException>(() =>
            TestClients.Payout(stub).GetVerifiedReceiptAsync(9002, ReceiptKeySet.Parse(KeySetJson(("k2", key)))));

        Assert.Contains("9001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReceipt_SomeoneElsesOperation_IsTheApisNotFound()
    {
        var stub = StubHandler.InTurn(() => Answers.Error(HttpStatusCode.NotFound, "OPERATION_NOT_FOUND", 3010, "No such operation."));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => TestClients.Payout(stub).GetReceiptAsync(9001));

        Assert.Equal(PayoutErrorCodes.OperationNotFound, error.Error);
    }

    private string Sign(string terms)
    {
        var signingInput = Encode("""{"alg":"ES256","kid":"k2","typ":"JWT"}""") + "." + Encode(terms);
        return signingInput + "." + Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256));
    }

    private static string Encode(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

    private static HttpResponseMessage Jose(string receipt) =>
        new(HttpStatusCode.OK) { Content = new StringContent(receipt, Encoding.ASCII, "application/jose") };

    private static ReceiptKeySet KeySet(params (string Kid, ECDsa Key)[] keys) => ReceiptKeySet.Parse(KeySetJson(keys));

    private static string KeySetJson(params (string Kid, ECDsa Key)[] keys) =>
        "{\"keys\": [" + string.Join(",", keys.Select(k =>
        {
            var point = k.Key.ExportParameters(includePrivateParameters: false).Q;
            return $$"""{"kty": "EC", "crv": "P-256", "x": "{{Base64Url.EncodeToString(point.X)}}", "y": "{{Base64Url.EncodeToString(point.Y)}}", "kid": "{{k.Kid}}", "use": "sig", "alg": "ES256"}""";
        })) + "]}";
}
