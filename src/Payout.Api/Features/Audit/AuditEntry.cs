namespace Payout.Api.Features.Audit;

/// <summary>
/// What a feature asks the <see cref="AuditTrail"/> to record. <see cref="Details"/> are short facts (ids, amounts,
/// codes, masked numbers) — never a card number, a password or a token.
/// </summary>
/// <param name="Subject">What it is about, e.g. <c>card:17</c>, <c>payout:42</c>, <c>key:card-encryption/k2</c>.</param>
public sealed record AuditEntry(AuditEventType Type, long? CustomerId = null, string? Subject = null)
{
    private static readonly IReadOnlyDictionary<string, string?> None = new Dictionary<string, string?>();

    /// <summary>Who acted; null means the scope's <see cref="AuditActor"/> (the operator of the request, or <c>system</c>).</summary>
    public string? Actor { get; init; }

    public IReadOnlyDictionary<string, string?> Details { get; init; } = None;
}
