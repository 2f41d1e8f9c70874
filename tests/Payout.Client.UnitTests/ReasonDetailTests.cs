using System.Net;

namespace Payout.Client.UnitTests;

/// <summary>What clears an error arrives on the exception (from the body's <c>data</c>), typed.</summary>
public sealed class ReasonDetailTests
{
    private static readonly DateTimeOffset Frees = new(2026, 12, 23, 12, 0, 1, TimeSpan.Zero);

    [Fact]
    public async Task LimitExceeded_CarriesTheAllowedAmountAndTheInstantTheWindowFrees()
    {
        var client = TestClients.Payout(StubHandler.InTurn(() => Answers.Json(
            """
            {"error": "LIMIT_EXCEEDED", "errorId": 3005, "message": "The KYC limit allows 18.86 EUR now.", "field": null, "systemId": "payout",
             "data": {"retryAfter": "2026-12-23T12:00:01.000Z", "allowed": 18.86, "currency": "EUR"}}
            """, HttpStatusCode.BadRequest)));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.ExecuteAsync(7));

        Assert.Equal(
            new ReasonDetail
            {
                Code = PayoutErrorCodes.LimitExceeded, Message = "The KYC limit allows 18.86 EUR now.", RetryAfter = Frees, Allowed = 18.86m, Currency = "EUR",
            },
            error.Detail);
    }

    [Fact]
    public async Task NetworkFloatLow_CarriesRetryAfterFromTheHeaderAndTheInstantFromData()
    {
        var client = TestClients.Payout(StubHandler.InTurn(() =>
        {
            var answer = Answers.Json(
                """{"error": "NETWORK_FLOAT_LOW", "errorId": 3011, "message": "Paused.", "field": null, "systemId": "payout", "data": {"retryAfter": "2026-12-23T12:00:01.000Z"}}""",
                HttpStatusCode.ServiceUnavailable);
            answer.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(60));
            return answer;
        }));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.ExecuteAsync(7));

        Assert.Equal(PayoutErrorCodes.NetworkFloatLow, error.Error);
        Assert.Equal(TimeSpan.FromSeconds(60), error.RetryAfter);
        Assert.Equal(Frees, error.Detail?.RetryAfter);
    }

    [Fact]
    public async Task KycAndBounds_CarryTheLevelAndTheBound()
    {
        var client = TestClients.Payout(StubHandler.InTurn(
            () => Answers.Json("""{"error": "KYC_LEVEL_TOO_LOW", "errorId": 1002, "message": "m", "data": {"kycLevel": "KYC_1"}}""", HttpStatusCode.Forbidden),
            () => Answers.Json("""{"error": "AMOUNT_BELOW_MINIMUM", "errorId": 3002, "message": "m", "data": {"bound": 27.7284827, "currency": "USDT"}}""", HttpStatusCode.BadRequest)));

        var kyc = await Assert.ThrowsAsync<PayoutApiException>(() => client.ExecuteAsync(7));
        var bound = await Assert.ThrowsAsync<PayoutApiException>(() => client.ExecuteAsync(7));

        Assert.Equal("KYC_1", kyc.Detail?.KycLevel);
        Assert.Equal((27.7284827m, "USDT"), (bound.Detail?.Bound, bound.Detail?.Currency));
    }

    [Fact]
    public async Task AnErrorWithEmptyData_HasADetailWithCodeAndMessageOnly()
    {
        var client = TestClients.Payout(StubHandler.InTurn(() => Answers.Error(HttpStatusCode.NotFound, "OFFER_NOT_FOUND", 3006, "No such offer.")));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.ExecuteAsync(7));

        Assert.Equal(new ReasonDetail { Code = PayoutErrorCodes.OfferNotFound, Message = "No such offer." }, error.Detail);
    }

    [Fact]
    public async Task DataOfAnUnexpectedShape_StillGivesTheApiError()
    {
        var client = TestClients.Payout(StubHandler.InTurn(
            () => Answers.Json("""{"error": "LIMIT_EXCEEDED", "errorId": 3005, "message": "m", "data": {"allowed": "lots"}}""", HttpStatusCode.BadRequest)));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.ExecuteAsync(7));

        Assert.Equal(PayoutErrorCodes.LimitExceeded, error.Error);
        Assert.Null(error.Detail?.Allowed);
    }

    [Fact]
    public async Task AProxyPage_HasNoDetail()
    {
        var client = TestClients.Payout(StubHandler.InTurn(() => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>") }));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.ExecuteAsync(7));

        Assert.Null(error.Detail);
    }
}
