using System.Reflection;
using Payout.Api.Domain.Errors;
using Payout.Api.Features.Payouts;
using Payout.Api.Infrastructure.Errors;

namespace Payout.UnitTests.Conventions;

/// <summary>Clients match on errorId: once published, a number may never change or be reused.</summary>
public sealed class ErrorCatalogTests
{
    private static readonly Dictionary<string, (int Status, int ErrorId)> Published = new()
    {
        ["UNAUTHORIZED"] = (401, 1001),
        ["KYC_LEVEL_TOO_LOW"] = (403, 1002),
        ["VALIDATION"] = (400, 1003),
        ["SDK_VERSION_REQUIRED"] = (400, 1004),
        ["SDK_VERSION_UNSUPPORTED"] = (400, 1005),
        ["CSRF_TOKEN_INVALID"] = (403, 1006),
        ["CARD_INVALID_NUMBER"] = (400, 2001),
        ["CARD_EXPIRED"] = (400, 2002),
        ["CARD_BRAND_NOT_SUPPORTED"] = (400, 2003),
        ["CARD_LIMIT_REACHED"] = (400, 2004),
        ["CARD_NOT_FOUND"] = (404, 2005),
        ["CARD_NOT_APPROVED"] = (400, 2006),
        ["BILLING_ADDRESS_REQUIRED"] = (400, 2007),
        ["PAIR_NOT_SUPPORTED"] = (400, 3001),
        ["AMOUNT_BELOW_MINIMUM"] = (400, 3002),
        ["AMOUNT_ABOVE_MAXIMUM"] = (400, 3003),
        ["INSUFFICIENT_FUNDS"] = (400, 3004),
        ["LIMIT_EXCEEDED"] = (400, 3005),
        ["OFFER_NOT_FOUND"] = (404, 3006),
        ["OFFER_EXPIRED"] = (400, 3007),
        ["OFFER_ALREADY_EXECUTED"] = (400, 3008),
        ["RATE_UNAVAILABLE"] = (503, 3009),
        ["OPERATION_NOT_FOUND"] = (404, 3010),
        ["NETWORK_FLOAT_LOW"] = (503, 3011),
        ["NETWORK_UNAVAILABLE"] = (503, 3012),
        ["IDEMPOTENCY_KEY_REUSED"] = (409, 4001),
        ["REQUEST_IN_PROGRESS"] = (409, 4002),
        ["RATE_LIMITED"] = (429, 4003),
        ["UNSUPPORTED_GRANT_TYPE"] = (400, 4004),
        ["NOT_FOUND"] = (404, 4005),
        ["METHOD_NOT_ALLOWED"] = (405, 4006),
        ["PAYLOAD_TOO_LARGE"] = (413, 4007),
        ["CONFLICT"] = (409, 4008),
        ["CUSTOMER_NOT_FOUND"] = (404, 5001),
        ["MERCHANT_NOT_FOUND"] = (404, 5002),
        ["SERVICE_UNAVAILABLE"] = (503, 9001),
        ["INTERNAL"] = (500, 9999),
    };

    [Fact]
    public void Every_code_keeps_its_published_status_and_error_id()
    {
        Assert.Equal(Published.Keys.Order(), Enum.GetNames<ErrorCode>().Order());
        foreach (var code in Enum.GetValues<ErrorCode>())
        {
            Assert.Equal(Published[code.ToString()], (ErrorCatalog.StatusOf(code), ErrorCatalog.ErrorIdOf(code)));
        }
    }

    [Fact]
    public void Error_ids_are_unique() =>
        Assert.Equal(Enum.GetValues<ErrorCode>().Length, Enum.GetValues<ErrorCode>().Select(ErrorCatalog.ErrorIdOf).Distinct().Count());

    [Fact]
    public void Answers_that_mean_never_started_are_the_input_gate_limit_and_try_later_ones()
    {
        string[] neverStarted =
        [
            "UNAUTHORIZED", "KYC_LEVEL_TOO_LOW", "VALIDATION", "SDK_VERSION_REQUIRED", "SDK_VERSION_UNSUPPORTED", "CSRF_TOKEN_INVALID", "RATE_LIMITED",
            "PAYLOAD_TOO_LARGE", "RATE_UNAVAILABLE", "NETWORK_FLOAT_LOW", "NETWORK_UNAVAILABLE", "SERVICE_UNAVAILABLE", "INTERNAL",
        ];
        Assert.Equal(neverStarted.Order(), ErrorCatalog.All.Where(ErrorCatalog.NeverStarted).Select(c => c.ToString()).Order());
    }

    [Fact]
    public void Every_code_has_a_default_message() =>
        Assert.All(ErrorCatalog.All, code => Assert.False(string.IsNullOrWhiteSpace(ErrorCatalog.DefaultMessageOf(code))));

    [Fact]
    public void A_failure_without_a_message_takes_its_code_s_row()
    {
        var byRow = new Failure(ErrorCode.AMOUNT_BELOW_MINIMUM);
        var specific = new Failure(ErrorCode.AMOUNT_BELOW_MINIMUM, "Too low.", "x");
        Assert.Equal(("The amount is below this pair's minimum.", "amount"), (byRow.Message, byRow.Field));
        Assert.Equal(("Too low.", "x"), (specific.Message, specific.Field));
    }

    [Fact]
    public void Execute_declares_every_code_it_can_answer()
    {
        var declared = typeof(ExecuteOffer).GetMethod(nameof(ExecuteOffer.HandleAsync))!
            .GetCustomAttributes<ProducesErrorAttribute>().SelectMany(a => a.Codes);
        Assert.Equal(PayoutDesk.Errors.Order(), declared.Order());
    }

    [Fact]
    public void The_body_carries_vault_and_rfc_9457_members()
    {
        var body = new ApiError(ErrorCode.VALIDATION, "amount must be positive", "amount").ToBody();
        Assert.Equal(("VALIDATION", 1003, "amount", "payout", 400), (body.Error, body.ErrorId, body.Field, body.SystemId, body.Status));
        Assert.Equal("amount must be positive", body.Detail);
        Assert.Equal(ErrorData.None, body.Data);
    }
}
