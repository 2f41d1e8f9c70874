using System.Collections.Frozen;

namespace Payout.Api.Infrastructure.Errors;

/// <summary>Every error code of spec §9. The names are the wire codes; the numbers are never reused.</summary>
public enum ErrorCode
{
    UNAUTHORIZED,
    KYC_LEVEL_TOO_LOW,
    VALIDATION,
    SDK_VERSION_REQUIRED,
    SDK_VERSION_UNSUPPORTED,
    CSRF_TOKEN_INVALID,
    CARD_INVALID_NUMBER,
    CARD_EXPIRED,
    CARD_BRAND_NOT_SUPPORTED,
    CARD_LIMIT_REACHED,
    CARD_NOT_FOUND,
    CARD_NOT_APPROVED,
    BILLING_ADDRESS_REQUIRED,
    PAIR_NOT_SUPPORTED,
    AMOUNT_BELOW_MINIMUM,
    AMOUNT_ABOVE_MAXIMUM,
    INSUFFICIENT_FUNDS,
    LIMIT_EXCEEDED,
    OFFER_NOT_FOUND,
    OFFER_EXPIRED,
    OFFER_ALREADY_EXECUTED,
    IDEMPOTENCY_KEY_REUSED,
    REQUEST_IN_PROGRESS,
    RATE_LIMITED,
    RATE_UNAVAILABLE,
    UNSUPPORTED_GRANT_TYPE,
    NOT_FOUND,
    METHOD_NOT_ALLOWED,
    PAYLOAD_TOO_LARGE,
    CUSTOMER_NOT_FOUND,
    CONFLICT,
    OPERATION_NOT_FOUND,
    MERCHANT_NOT_FOUND,
    NETWORK_FLOAT_LOW,
    INTERNAL,
}

/// <summary>The HTTP status and stable <c>errorId</c> of each code. A test pins this table: ids never change.</summary>
public static class ErrorCatalog
{
    private static readonly FrozenDictionary<ErrorCode, (int Status, int ErrorId)> Table = new Dictionary<ErrorCode, (int, int)>
    {
        [ErrorCode.UNAUTHORIZED] = (401, 1001),
        [ErrorCode.KYC_LEVEL_TOO_LOW] = (403, 1002),
        [ErrorCode.VALIDATION] = (400, 1003),
        [ErrorCode.SDK_VERSION_REQUIRED] = (400, 1004),
        [ErrorCode.SDK_VERSION_UNSUPPORTED] = (400, 1005),
        [ErrorCode.CSRF_TOKEN_INVALID] = (403, 1006),
        [ErrorCode.CARD_INVALID_NUMBER] = (400, 2001),
        [ErrorCode.CARD_EXPIRED] = (400, 2002),
        [ErrorCode.CARD_BRAND_NOT_SUPPORTED] = (400, 2003),
        [ErrorCode.CARD_LIMIT_REACHED] = (400, 2004),
        [ErrorCode.CARD_NOT_FOUND] = (404, 2005),
        [ErrorCode.CARD_NOT_APPROVED] = (400, 2006),
        [ErrorCode.BILLING_ADDRESS_REQUIRED] = (400, 2007),
        [ErrorCode.PAIR_NOT_SUPPORTED] = (400, 3001),
        [ErrorCode.AMOUNT_BELOW_MINIMUM] = (400, 3002),
        [ErrorCode.AMOUNT_ABOVE_MAXIMUM] = (400, 3003),
        [ErrorCode.INSUFFICIENT_FUNDS] = (400, 3004),
        [ErrorCode.LIMIT_EXCEEDED] = (400, 3005),
        [ErrorCode.OFFER_NOT_FOUND] = (404, 3006),
        [ErrorCode.OFFER_EXPIRED] = (400, 3007),
        [ErrorCode.OFFER_ALREADY_EXECUTED] = (400, 3008),
        [ErrorCode.RATE_UNAVAILABLE] = (503, 3009),
        [ErrorCode.OPERATION_NOT_FOUND] = (404, 3010),
        [ErrorCode.NETWORK_FLOAT_LOW] = (503, 3011),
        [ErrorCode.IDEMPOTENCY_KEY_REUSED] = (409, 4001),
        [ErrorCode.REQUEST_IN_PROGRESS] = (409, 4002),
        [ErrorCode.RATE_LIMITED] = (429, 4003),
        [ErrorCode.UNSUPPORTED_GRANT_TYPE] = (400, 4004),
        [ErrorCode.NOT_FOUND] = (404, 4005),
        [ErrorCode.METHOD_NOT_ALLOWED] = (405, 4006),
        [ErrorCode.PAYLOAD_TOO_LARGE] = (413, 4007),
        [ErrorCode.CONFLICT] = (409, 4008),
        [ErrorCode.CUSTOMER_NOT_FOUND] = (404, 5001),
        [ErrorCode.MERCHANT_NOT_FOUND] = (404, 5002),
        [ErrorCode.INTERNAL] = (500, 9999),
    }.ToFrozenDictionary();

    public static int StatusOf(ErrorCode code) => Table[code].Status;

    public static int ErrorIdOf(ErrorCode code) => Table[code].ErrorId;

    public static IEnumerable<ErrorCode> All => Table.Keys;
}
