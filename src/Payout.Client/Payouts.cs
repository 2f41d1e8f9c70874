namespace Payout.Client;

/// <summary>The answer of <c>POST /v4/payout/pay/{offerId}</c>. Executing an offer again answers the same operation.</summary>
public sealed record PayoutResult
{
    /// <summary>One of <see cref="PayoutStatus"/>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The crypto amount paid out.</summary>
    public decimal AmountFrom { get; init; }

    /// <summary>The crypto.</summary>
    public string CurrencyFrom { get; init; } = "";

    /// <summary>The fiat sent to the card.</summary>
    public decimal AmountTo { get; init; }

    /// <summary>The fiat.</summary>
    public string CurrencyTo { get; init; } = "";

    /// <summary>The operation, for <see cref="PayoutClient.GetOperationAsync"/>.</summary>
    public long OperationId { get; init; }

    /// <summary>The executed offer.</summary>
    public long OfferId { get; init; }

    /// <summary>The sum of the fee lines, in the crypto.</summary>
    public decimal Fee { get; init; }

    /// <summary><see cref="AmountFrom"/> + <see cref="Fee"/>: what left the balance.</summary>
    public decimal TotalDebited { get; init; }

    /// <summary>When the payout was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The rate the payout was priced at: the offer's, or the one its slippage band gave after it expired.</summary>
    public decimal Rate { get; init; }
}

/// <summary>Values of a payout's status.</summary>
public static class PayoutStatus
{
    /// <summary>The fiat was sent.</summary>
    public const string Success = "SUCCESS";

    /// <summary>The payout network has not settled it yet.</summary>
    public const string Pending = "PENDING";

    /// <summary>The payout failed; the whole debit went back to the balance.</summary>
    public const string Failed = "FAILED";
}

/// <summary>A payout as the history lists it.</summary>
public sealed record PayoutOperation
{
    /// <summary>The operation's id.</summary>
    public long OperationId { get; init; }

    /// <summary>The executed offer.</summary>
    public long OfferId { get; init; }

    /// <summary>One of <see cref="PayoutStatus"/>.</summary>
    public string Status { get; init; } = "";

    /// <summary>The crypto amount paid out.</summary>
    public decimal AmountFrom { get; init; }

    /// <summary>The crypto.</summary>
    public string CurrencyFrom { get; init; } = "";

    /// <summary>The fiat sent to the card.</summary>
    public decimal AmountTo { get; init; }

    /// <summary>The fiat.</summary>
    public string CurrencyTo { get; init; } = "";

    /// <summary>The rate used.</summary>
    public decimal Rate { get; init; }

    /// <summary>The sum of the fee lines, in the crypto.</summary>
    public decimal Fee { get; init; }

    /// <summary><see cref="AmountFrom"/> + <see cref="Fee"/>.</summary>
    public decimal TotalDebited { get; init; }

    /// <summary>The card paid out to, masked.</summary>
    public string MaskedPan { get; init; } = "";

    /// <summary>Why it failed; null unless <see cref="Status"/> is <see cref="PayoutStatus.Failed"/>.</summary>
    public string? FailureReason { get; init; }

    /// <summary>When the payout was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its status last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>One page of <c>GET /v4/payout/history</c>, newest first.</summary>
public sealed record HistoryPage
{
    /// <summary>The operations of this page.</summary>
    public IReadOnlyList<PayoutOperation> Items { get; init; } = [];

    /// <summary>The offset asked for.</summary>
    public int Offset { get; init; }

    /// <summary>The page size asked for (at most 100).</summary>
    public int Size { get; init; }

    /// <summary>How many operations match in all.</summary>
    public int Total { get; init; }
}
