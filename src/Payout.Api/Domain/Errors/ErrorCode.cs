namespace Payout.Api.Domain.Errors;

/// <summary>
/// Every error code of spec §9, one row each: the HTTP status, the stable <c>errorId</c>, the default message
/// and whether the answer means the request never started (then an <c>Idempotency-Key</c> may be used again).
/// The names are the wire codes; errorIds are never changed or reused (a test pins them).
/// </summary>
public enum ErrorCode
{
    [ErrorInfo(401, 1001, "Authentication is required.", NeverStarted = true)]
    UNAUTHORIZED,

    [ErrorInfo(403, 1002, "The customer's KYC level is too low for this.", NeverStarted = true)]
    KYC_LEVEL_TOO_LOW,

    [ErrorInfo(400, 1003, "The request is invalid.", NeverStarted = true)]
    VALIDATION,

    [ErrorInfo(400, 1004, "Header X-Sdk-Version is required, as 'payoutCard=1.2' or '1.2'.", NeverStarted = true)]
    SDK_VERSION_REQUIRED,

    [ErrorInfo(400, 1005, "SDK version 1.2 or later is required.", NeverStarted = true)]
    SDK_VERSION_UNSUPPORTED,

    /// <summary>Our addition: a console session's change without the session's CSRF token.</summary>
    [ErrorInfo(403, 1006, "A console request that changes something needs the session's X-CSRF-Token header.", NeverStarted = true)]
    CSRF_TOKEN_INVALID,

    [ErrorInfo(400, 2001, "Card number is not valid.")]
    CARD_INVALID_NUMBER,

    [ErrorInfo(400, 2002, "The card has expired.")]
    CARD_EXPIRED,

    [ErrorInfo(400, 2003, "Only Visa and Mastercard cards are supported.")]
    CARD_BRAND_NOT_SUPPORTED,

    [ErrorInfo(400, 2004, "The customer holds as many cards as allowed; delete one first.")]
    CARD_LIMIT_REACHED,

    [ErrorInfo(404, 2005, "No such card.")]
    CARD_NOT_FOUND,

    [ErrorInfo(400, 2006, "The payout network has not approved this card.")]
    CARD_NOT_APPROVED,

    [ErrorInfo(400, 2007, "Send the card's billing address first.")]
    BILLING_ADDRESS_REQUIRED,

    [ErrorInfo(400, 3001, "This currency pair is not paid out.", Field = "fromCurrency")]
    PAIR_NOT_SUPPORTED,

    [ErrorInfo(400, 3002, "The amount is below this pair's minimum.", Field = "amount")]
    AMOUNT_BELOW_MINIMUM,

    [ErrorInfo(400, 3003, "The amount is above this pair's maximum.", Field = "amount")]
    AMOUNT_ABOVE_MAXIMUM,

    [ErrorInfo(400, 3004, "The balance does not cover the amount and fees.")]
    INSUFFICIENT_FUNDS,

    [ErrorInfo(400, 3005, "This payout would exceed the 30-day limit of the customer's KYC level.")]
    LIMIT_EXCEEDED,

    [ErrorInfo(404, 3006, "No such offer.")]
    OFFER_NOT_FOUND,

    [ErrorInfo(400, 3007, "This offer has expired; create or update an offer for a fresh quote.")]
    OFFER_EXPIRED,

    [ErrorInfo(400, 3008, "This offer was executed and can no longer change.")]
    OFFER_ALREADY_EXECUTED,

    [ErrorInfo(503, 3009, "No fresh rate right now; try again shortly.", NeverStarted = true)]
    RATE_UNAVAILABLE,

    [ErrorInfo(404, 3010, "No such operation.")]
    OPERATION_NOT_FOUND,

    /// <summary>Our addition to the spec's table: our fiat at the payout network cannot cover the payout.</summary>
    [ErrorInfo(503, 3011, "Payouts in this currency are paused for a while; try again later.", NeverStarted = true)]
    NETWORK_FLOAT_LOW,

    /// <summary>Our addition: the payout network did not answer a request we need its answer to (its settlement file).</summary>
    [ErrorInfo(503, 3012, "The payout network cannot be reached right now; try again shortly.", NeverStarted = true)]
    NETWORK_UNAVAILABLE,

    [ErrorInfo(409, 4001, "This Idempotency-Key was used for a different request.", Field = "Idempotency-Key")]
    IDEMPOTENCY_KEY_REUSED,

    [ErrorInfo(409, 4002, "A request with this Idempotency-Key is still running; retry shortly.", Field = "Idempotency-Key")]
    REQUEST_IN_PROGRESS,

    [ErrorInfo(429, 4003, "Too many requests; slow down and retry later.", NeverStarted = true)]
    RATE_LIMITED,

    [ErrorInfo(400, 4004, "grant_type must be mobile_phone or refresh_token.", Field = "grant_type")]
    UNSUPPORTED_GRANT_TYPE,

    [ErrorInfo(404, 4005, "No such resource.")]
    NOT_FOUND,

    [ErrorInfo(405, 4006, "This method is not allowed here.")]
    METHOD_NOT_ALLOWED,

    [ErrorInfo(413, 4007, "The request body is too large.", NeverStarted = true)]
    PAYLOAD_TOO_LARGE,

    [ErrorInfo(409, 4008, "This conflicts with what is stored.")]
    CONFLICT,

    [ErrorInfo(404, 5001, "No such customer.")]
    CUSTOMER_NOT_FOUND,

    [ErrorInfo(404, 5002, "No such merchant.", Field = "merchantId")]
    MERCHANT_NOT_FOUND,

    /// <summary>
    /// Our addition: the database cannot be reached right now (down, restarting, refusing connections). Every change is
    /// one transaction, so nothing is half-written; retry after <c>Retry-After</c> seconds (with the same Idempotency-Key).
    /// </summary>
    [ErrorInfo(503, 9001, "The service cannot reach its database right now; try again shortly.", NeverStarted = true)]
    SERVICE_UNAVAILABLE,

    /// <summary>A bug or an outage; nothing was half-written (every change is one transaction), so it never started.</summary>
    [ErrorInfo(500, 9999, "Internal error.", NeverStarted = true)]
    INTERNAL,
}
