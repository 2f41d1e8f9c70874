namespace Payout.Api.Features.Audit;

/// <summary>What an audit row records (PCI DSS 10.2): security events and money moved by people. The names are the wire values.</summary>
public enum AuditEventType
{
    /// <summary>A customer signed in with number and password.</summary>
    SIGN_IN,

    /// <summary>A wrong number, password or merchant (the number masked; the customer when the number is one).</summary>
    SIGN_IN_FAILED,

    /// <summary>The failure that locked a number: from now on it is refused until the window has passed.</summary>
    SIGN_IN_LOCKED,

    /// <summary>Every token of a customer revoked: sign-out, or a refresh token presented twice.</summary>
    TOKENS_REVOKED,

    /// <summary>An operator traded the key for a console session.</summary>
    CONSOLE_SIGN_IN,

    /// <summary>A console sign-in with a wrong key.</summary>
    CONSOLE_SIGN_IN_FAILED,

    CONSOLE_SIGN_OUT,

    /// <summary>A card added, or a removed one added again (restored).</summary>
    CARD_ADDED,

    CARD_REMOVED,

    /// <summary>A new current key for a purpose (card encryption, card fingerprint).</summary>
    KEY_ROTATED,

    /// <summary>Every card moved to the current key of a purpose (re-encrypted or re-fingerprinted), with the count.</summary>
    CARDS_REKEYED,

    /// <summary>A call to the operator API (<c>/admin/v1</c>), with the key or a console session, and its answer.</summary>
    OPERATOR_CALL,

    /// <summary>Money credited to a customer's wallet from outside.</summary>
    DEPOSIT,

    /// <summary>Money leaving a customer's wallet to outside.</summary>
    WITHDRAWAL,

    /// <summary>Fiat added to our float at the payout network.</summary>
    FLOAT_TOP_UP,

    /// <summary>An operator failed a stuck payout that the network confirmed it never received; the customer was refunded.</summary>
    PAYOUT_FAILED_BY_OPERATOR,
}
