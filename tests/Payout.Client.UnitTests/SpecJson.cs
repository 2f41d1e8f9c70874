namespace Payout.Client.UnitTests;

/// <summary>Answers in the shapes of the spec (§4–§8, §12, §13), with its example values where it gives them.</summary>
public static class SpecJson
{
    public static string Token(string access, string refresh) =>
        $$"""{"access_token": "{{access}}", "token_type": "bearer", "refresh_token": "{{refresh}}", "expires_in": 3600, "scope": "read write"}""";

    public const string Card = """
        {"cardId": 42, "cardType": "VISA", "maskedPan": "4012***1881", "validationStatus": "APPROVED"}
        """;

    public const string CardWithBillingAddress = """
        {"cardId": 42, "cardType": "VISA", "maskedPan": "4012***1881", "validationStatus": "APPROVED",
         "billingAddress": {"address": "1 Demo Street", "city": "London", "countryCode": "GB", "zip": "SW1A 1AA", "state": null}}
        """;

    public const string Data = """
        {
          "fees": {"rate": 0.02, "fixFee": 2.5, "partnerFee": 0, "additionalFee": 0, "crypteriumGas": 0, "transactionFee": 0.035},
          "cards": [{"cardId": 42, "cardType": "VISA", "maskedPan": "4012***1881", "validationStatus": "APPROVED",
                     "pairsLimits": [{"currencyFrom": "USDT", "currencyTo": "EUR", "minAmountFrom": 27.12345679,
                                      "maxAmountFrom": 2712.34567890, "allAmountFrom": 760.06209697}]}],
          "pairs": [{"rate": 0.92170000, "currencyFrom": "USDT", "currencyTo": "EUR", "amountScaleFrom": 8, "amountScaleTo": 2,
                     "defaultMinAmountFrom": 27.12345679, "defaultMaxAmountFrom": 2712.34567890, "defaultMaxAmountAll": 2712.34567890},
                    {"rate": 58401.12345678, "currencyFrom": "BTC", "currencyTo": "USD", "amountScaleFrom": 8, "amountScaleTo": 2,
                     "defaultMinAmountFrom": 0.00042808, "defaultMaxAmountFrom": 0.04280739, "defaultMaxAmountAll": 0.04280739}],
          "validSeconds": 30
        }
        """;

    public const string Offer = """
        {"offerId": 7, "validSeconds": 20, "amount": 760.06209697, "currencyFrom": "USDT", "amountTo": 700.54, "currencyTo": "EUR",
         "rate": 0.92170000,
         "feeInfo": [{"currency": "USDT", "name": "Transaction fee", "scale": 8, "value": 29.31613652, "type": "TRANSACTION_FEE"},
                     {"currency": "USDT", "name": "Crypterium GAS", "scale": 8, "value": 0, "type": "CRYPTERIUM_GAS"},
                     {"currency": "USDT", "name": "Additional fee", "scale": 8, "value": 0, "type": "ADDITIONAL_FEE"}],
         "possibleToExecute": false, "limit": {"value": 9700.00, "currency": "EUR"},
         "reasons": ["INSUFFICIENT_FUNDS", "BILLING_ADDRESS_REQUIRED"],
         "reasonDetails": [{"code": "INSUFFICIENT_FUNDS", "message": "The balance is 12.5 USDT short.", "needed": 12.50000000, "currency": "USDT"},
                           {"code": "BILLING_ADDRESS_REQUIRED", "message": "Send the card's billing address."}],
         "expiresAt": "2026-11-23T19:40:04.123Z"}
        """;

    public const string Execute = """
        {"status": "SUCCESS", "amountFrom": 120, "currencyFrom": "USDT", "amountTo": 110.60, "currencyTo": "EUR",
         "operationId": 9001, "offerId": 7, "fee": 6.91241998, "totalDebited": 126.91241998, "createdAt": "2026-11-23T19:40:04.123Z"}
        """;

    public const string Operation = """
        {"operationId": 9001, "offerId": 7, "status": "SUCCESS", "amountFrom": 120, "currencyFrom": "USDT", "amountTo": 110.60,
         "currencyTo": "EUR", "rate": 0.92170000, "fee": 6.91241998, "totalDebited": 126.91241998, "maskedPan": "4012***1881",
         "failureReason": null, "createdAt": "2026-11-23T19:40:04.123Z", "updatedAt": "2026-11-23T19:40:05Z"}
        """;

    public const string History = """
        {"items": [
           {"operationId": 9002, "offerId": 8, "status": "FAILED", "amountFrom": 0.01, "currencyFrom": "BTC", "amountTo": 584.01,
            "currencyTo": "USD", "rate": 58401.12345678, "fee": 0.00039281, "totalDebited": 0.01039281, "maskedPan": "5555***4444",
            "failureReason": "DECLINED_BY_ISSUER", "createdAt": "2026-11-24T08:00:00Z", "updatedAt": "2026-11-24T08:00:03Z"},
           {"operationId": 9001, "offerId": 7, "status": "SUCCESS", "amountFrom": 120, "currencyFrom": "USDT", "amountTo": 110.60,
            "currencyTo": "EUR", "rate": 0.92170000, "fee": 6.91241998, "totalDebited": 126.91241998, "maskedPan": "4012***1881",
            "failureReason": null, "createdAt": "2026-11-23T19:40:04.123Z", "updatedAt": "2026-11-23T19:40:05Z"}],
         "offset": 0, "size": 50, "total": 2}
        """;

    public const string Customer = """
        {"customerId": 5, "merchantId": "bece038f-2e46-49f4-b25e-89cd38d6dc16", "phone": "+447871239999", "kycLevel": "KYC_1"}
        """;

    public const string Balances = """
        {"customerId": 5, "balances": [{"currency": "BTC", "balance": 0.5}, {"currency": "USDT", "balance": 123456789.12345678}]}
        """;
}
