namespace Payout.Client;

/// <summary>
/// The API's error codes (<see cref="PayoutApiException.Error"/>). Several also appear in
/// <see cref="Offer.Reasons"/>. Compare with <c>==</c>; codes are stable, new ones may be added.
/// </summary>
public static class PayoutErrorCodes
{
    /// <summary>401: missing, expired or revoked token; wrong sign-in; wrong admin key.</summary>
    public const string Unauthorized = "UNAUTHORIZED";

    /// <summary>403: the customer's KYC level does not allow this call (also an offer reason).</summary>
    public const string KycLevelTooLow = "KYC_LEVEL_TOO_LOW";

    /// <summary>400: bad input; <see cref="PayoutApiException.Field"/> names it.</summary>
    public const string Validation = "VALIDATION";

    /// <summary>400: the <c>X-Sdk-Version</c> header is missing or unparseable.</summary>
    public const string SdkVersionRequired = "SDK_VERSION_REQUIRED";

    /// <summary>400: the SDK version is below 1.2.</summary>
    public const string SdkVersionUnsupported = "SDK_VERSION_UNSUPPORTED";

    /// <summary>400: not 12–19 digits or a failed Luhn check.</summary>
    public const string CardInvalidNumber = "CARD_INVALID_NUMBER";

    /// <summary>400: the card is expired (also an offer reason).</summary>
    public const string CardExpired = "CARD_EXPIRED";

    /// <summary>400: only Visa and Mastercard are paid out to.</summary>
    public const string CardBrandNotSupported = "CARD_BRAND_NOT_SUPPORTED";

    /// <summary>400: the customer already holds the maximum number of cards.</summary>
    public const string CardLimitReached = "CARD_LIMIT_REACHED";

    /// <summary>404: no such card for this customer.</summary>
    public const string CardNotFound = "CARD_NOT_FOUND";

    /// <summary>400: the payout network has not approved the card (also an offer reason).</summary>
    public const string CardNotApproved = "CARD_NOT_APPROVED";

    /// <summary>400: the card needs a billing address before a payout (also an offer reason).</summary>
    public const string BillingAddressRequired = "BILLING_ADDRESS_REQUIRED";

    /// <summary>400: the currency pair is not supported.</summary>
    public const string PairNotSupported = "PAIR_NOT_SUPPORTED";

    /// <summary>400: the amount is under the pair's minimum (also an offer reason).</summary>
    public const string AmountBelowMinimum = "AMOUNT_BELOW_MINIMUM";

    /// <summary>400: the amount is over the pair's maximum (also an offer reason).</summary>
    public const string AmountAboveMaximum = "AMOUNT_ABOVE_MAXIMUM";

    /// <summary>400: the balance does not cover amount plus fees (also an offer reason).</summary>
    public const string InsufficientFunds = "INSUFFICIENT_FUNDS";

    /// <summary>400: the payout would exceed the rolling 30-day KYC limit (also an offer reason).</summary>
    public const string LimitExceeded = "LIMIT_EXCEEDED";

    /// <summary>404: no such offer for this customer.</summary>
    public const string OfferNotFound = "OFFER_NOT_FOUND";

    /// <summary>400: the offer's <c>validSeconds</c> have passed; it can be neither executed nor updated: create a new offer.</summary>
    public const string OfferExpired = "OFFER_EXPIRED";

    /// <summary>400: an executed offer cannot be updated.</summary>
    public const string OfferAlreadyExecuted = "OFFER_ALREADY_EXECUTED";

    /// <summary>409: this <c>Idempotency-Key</c> was used with a different request.</summary>
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";

    /// <summary>409: a request with this <c>Idempotency-Key</c> is still running; retry later.</summary>
    public const string RequestInProgress = "REQUEST_IN_PROGRESS";

    /// <summary>429: too many attempts; see <see cref="PayoutApiException.RetryAfter"/>.</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>503: no fresh exchange rate; retry later.</summary>
    public const string RateUnavailable = "RATE_UNAVAILABLE";

    /// <summary>
    /// 503: payouts in this fiat are paused until our funds at the payout network are topped up (also an offer reason);
    /// see <see cref="PayoutApiException.RetryAfter"/>.
    /// </summary>
    public const string NetworkFloatLow = "NETWORK_FLOAT_LOW";

    /// <summary>400: the token request's <c>grant_type</c> is not supported.</summary>
    public const string UnsupportedGrantType = "UNSUPPORTED_GRANT_TYPE";

    /// <summary>404: unknown route.</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>405: wrong HTTP method for the route.</summary>
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";

    /// <summary>413: the body is over 64 KiB.</summary>
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";

    /// <summary>404 (operator API): no such customer.</summary>
    public const string CustomerNotFound = "CUSTOMER_NOT_FOUND";

    /// <summary>409 (operator API): e.g. the phone is already used at that merchant.</summary>
    public const string Conflict = "CONFLICT";

    /// <summary>404: no such payout operation for this customer.</summary>
    public const string OperationNotFound = "OPERATION_NOT_FOUND";

    /// <summary>404 (operator API): no such merchant.</summary>
    public const string MerchantNotFound = "MERCHANT_NOT_FOUND";

    /// <summary>500: a server fault; no details are given.</summary>
    public const string Internal = "INTERNAL";
}
