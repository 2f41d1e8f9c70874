using System.Net;
using System.Text;
using System.Text.Json;

namespace Payout.Client.UnitTests;

public sealed class ErrorTests
{
    [Fact]
    public async Task Error_body_becomes_payout_api_exception_with_code_id_and_message()
    {
        var client = TestClients.Payout(StubHandler.InTurn(
            () => Answers.Error(HttpStatusCode.BadRequest, "INSUFFICIENT_FUNDS", 3004, "The balance does not cover amount and fees.")));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.ExecuteAsync(7));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(PayoutErrorCodes.InsufficientFunds, error.Error);
        Assert.Equal(3004, error.ErrorId);
        Assert.Null(error.Field);
        Assert.Null(error.RetryAfter);
        Assert.Equal("The balance does not cover amount and fees.", error.Message);
    }

    [Fact]
    public async Task Validation_error_carries_the_field()
    {
        var client = TestClients.Payout(StubHandler.InTurn(
            () => Answers.Error(HttpStatusCode.BadRequest, "VALIDATION", 1003, "amount must be greater than 0.", "amount")));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.CreateOfferAsync(new CreateOfferRequest(0m, "USDT", "EUR", 42)));

        Assert.Equal((PayoutErrorCodes.Validation, 1003, "amount"), (error.Error, error.ErrorId, error.Field));
    }

    [Fact]
    public async Task Not_found_carries_the_spec_code()
    {
        var client = TestClients.Payout(StubHandler.InTurn(
            () => Answers.Error(HttpStatusCode.NotFound, "OFFER_NOT_FOUND", 3006, "No such offer.")));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.UpdateOfferAsync(7, new UpdateOfferRequest(1m, "USDT", "EUR")));

        Assert.Equal((HttpStatusCode.NotFound, PayoutErrorCodes.OfferNotFound), (error.StatusCode, error.Error));
    }

    [Fact]
    public async Task Rate_limited_exposes_retry_after_seconds()
    {
        var client = TestClients.SignedOut(StubHandler.InTurn(() =>
        {
            var response = Answers.Error(HttpStatusCode.TooManyRequests, "RATE_LIMITED", 4003, "Too many failed sign-ins for this number; try again later.");
            response.Headers.Add("Retry-After", "1200");
            return response;
        }));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.SignInAsync("+447871239999", "wrong"));

        Assert.Equal((HttpStatusCode.TooManyRequests, PayoutErrorCodes.RateLimited), (error.StatusCode, error.Error));
        Assert.Equal(TimeSpan.FromSeconds(1200), error.RetryAfter);
    }

    [Fact]
    public async Task Retry_after_as_date_becomes_the_time_left()
    {
        var client = TestClients.Payout(StubHandler.InTurn(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(2));
            return response;
        }));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.GetDataAsync());

        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(100), TimeSpan.FromSeconds(121));
    }

    [Fact]
    public async Task Non_json_error_body_becomes_http_status_code()
    {
        var client = TestClients.Payout(StubHandler.InTurn(() => new HttpResponseMessage(HttpStatusCode.BadGateway)
        {
            Content = new StringContent("<html><body>502 Bad Gateway</body></html>", Encoding.UTF8, "text/html"),
        }));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.GetDataAsync());

        Assert.Equal((HttpStatusCode.BadGateway, "HTTP_502"), (error.StatusCode, error.Error));
        Assert.Null(error.ErrorId);
        Assert.DoesNotContain("<html>", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("""{"message": "no code here"}""")]
    [InlineData("""["error"]""")]
    [InlineData("""{"error": 42}""")]
    public async Task ErrorBodyNotInTheApiShape_BecomesHttpStatusCode(string body)
    {
        var client = TestClients.Payout(StubHandler.InTurn(() => Answers.Json(body, HttpStatusCode.InternalServerError)));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.GetDataAsync());

        Assert.Equal("HTTP_500", error.Error);
    }

    [Fact]
    public async Task Number_sent_as_string_is_refused()
    {
        var client = TestClients.Payout(StubHandler.InTurn(() => Answers.Json(SpecJson.Offer.Replace("\"amount\": 760.06209697", "\"amount\": \"760.06209697\"", StringComparison.Ordinal))));

        await Assert.ThrowsAsync<JsonException>(() => client.UpdateOfferAsync(7, new UpdateOfferRequest(1m, "USDT", "EUR")));
    }
}
