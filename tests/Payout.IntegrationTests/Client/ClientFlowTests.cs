using System.Net;
using Payout.Client;
using Payout.IntegrationTests.Infrastructure;

namespace Payout.IntegrationTests.Client;

/// <summary>The typed client against the real service: the whole flow, history, errors and token refresh.</summary>
[Collection(SharedAppCollection.Name)]
public sealed class ClientFlowTests(PayoutApp app)
{
    private PayoutClient NewClient() =>
        new(app.CreateClient(), new PayoutClientOptions { MerchantId = Guid.Parse(TestCustomer.MerchantId) });

    [Fact]
    public async Task The_whole_flow_runs_through_the_typed_client()
    {
        var customer = await app.CreateCustomerAsync();
        await app.DepositAsync(customer.Id, "USDT", 1_000m);
        var client = NewClient();

        await client.SignInAsync(customer.Phone, customer.Password);
        var card = await client.AddCardAsync(new AddCardRequest("4012 8888 8888 1881", "Jane Client", 2030, 12));
        await client.SetBillingAddressAsync(card.CardId, new BillingAddress("1 High Street", "London", "GB", "SW1A 1AA"));
        var data = await client.GetDataAsync();
        var offer = await client.CreateOfferAsync(new CreateOfferRequest(100m, "USDT", "EUR", card.CardId));
        var updated = await client.UpdateOfferAsync(offer.OfferId, new UpdateOfferRequest(120m, "USDT", "EUR"));
        var payout = await client.ExecuteAsync(offer.OfferId);
        var history = await client.GetHistoryAsync(0, 10);
        var operation = await client.GetOperationAsync(payout.OperationId);

        Assert.Equal("4012***1881", card.MaskedPan);
        Assert.Contains(data.Cards, c => c.CardId == card.CardId);
        Assert.True(updated.PossibleToExecute);
        Assert.Equal(PayoutStatus.Success, payout.Status);
        Assert.Equal(120m, payout.AmountFrom);
        var item = Assert.Single(history.Items);
        Assert.Equal(payout.OperationId, item.OperationId);
        Assert.Equal(1, history.Total);
        Assert.Equal("4012***1881", operation.MaskedPan);
        Assert.Null(operation.FailureReason);
        Assert.Equal(1_000m - payout.TotalDebited, await app.BalanceAsync(customer.Id, "USDT"));
    }

    [Fact]
    public async Task The_client_verifies_the_services_receipts_with_its_published_keys_and_reads_what_clears_a_refusal()
    {
        var customer = await app.CreateCustomerAsync();
        await app.DepositAsync(customer.Id, "USDT", 60m);
        var client = NewClient();
        await client.SignInAsync(customer.Phone, customer.Password);
        var card = await client.AddCardAsync(new AddCardRequest("4012888888881881", "Jane Client", 2030, 12));
        await client.SetBillingAddressAsync(card.CardId, new BillingAddress("1 High Street", "London", "GB", "SW1A 1AA"));

        var tooMuch = await client.CreateOfferAsync(new CreateOfferRequest(60m, "USDT", "EUR", card.CardId));
        var refused = await Assert.ThrowsAsync<PayoutApiException>(() => client.ExecuteAsync(tooMuch.OfferId));
        var payout = await client.ExecuteAsync((await client.CreateOfferAsync(new CreateOfferRequest(50m, "USDT", "EUR", card.CardId))).OfferId);
        var receipt = await client.GetVerifiedReceiptAsync(payout.OperationId);

        // 60 + 60 × 0.035 + 2.5 ÷ 0.9016 = 64.87284827 (rounded up): 4.87284827 short of the 60 deposited.
        var detail = Assert.Single(tooMuch.ReasonDetails);
        Assert.Equal((PayoutErrorCodes.InsufficientFunds, 4.87284827m, "USDT"), (detail.Code, detail.Needed, detail.Currency));
        Assert.Equal(detail.Needed, refused.Detail?.Needed);
        Assert.Equal((payout.OperationId, payout.AmountFrom, payout.TotalDebited), (receipt.OperationId, receipt.AmountFrom, receipt.TotalDebited));
        Assert.Equal("PAYOUT_DEBIT", receipt.LedgerTransactions[0].Kind);
        Assert.False(ReceiptVerifier.TryVerify(
            (await client.GetReceiptAsync(payout.OperationId)).Replace('.', '!'), await client.GetReceiptKeysAsync(), out _));
    }

    [Fact]
    public async Task Errors_arrive_as_payout_api_exceptions_with_code_field_and_status()
    {
        var customer = await app.CreateCustomerAsync();
        var client = NewClient();
        await client.SignInAsync(customer.Phone, customer.Password);
        var card = await client.AddCardAsync(new AddCardRequest("4111111111111111", "Jane Client", 2030, 12));

        var error = await Assert.ThrowsAsync<PayoutApiException>(() =>
            client.CreateOfferAsync(new CreateOfferRequest(0.000000001m, "USDT", "EUR", card.CardId)));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(PayoutErrorCodes.Validation, error.Error);
        Assert.Equal("amount", error.Field);
        Assert.Equal(1003, error.ErrorId);
    }

    [Fact]
    public async Task Someone_elses_operation_is_404_and_history_filters_by_status()
    {
        var (_, owner, cardId) = await app.PayingCustomerAsync();
        var offerId = await app.QuoteAsync(owner, cardId, 50m);
        var paid = await (await app.PayAsync(owner, offerId)).Content.ReadAsStringAsync();
        var operationId = System.Text.Json.JsonDocument.Parse(paid).RootElement.GetProperty("operationId").GetInt64();
        var stranger = await app.CreateCustomerAsync();
        var client = NewClient();
        await client.SignInAsync(stranger.Phone, stranger.Password);

        var error = await Assert.ThrowsAsync<PayoutApiException>(() => client.GetOperationAsync(operationId));
        Assert.Equal(PayoutErrorCodes.OperationNotFound, error.Error);
        Assert.Equal(0, (await client.GetHistoryAsync(0, 50)).Total);

        using var ownerHistory = await owner.GetAsync("/v4/payout/history?status=FAILED");
        Assert.Contains("\"total\":0", await ownerHistory.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await (await owner.GetAsync("/v4/payout/history?size=101")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "size");
        await (await owner.GetAsync("/v4/payout/history?status=DONE")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION", "status");
    }
}
