namespace Payout.Api.Domain.Ledger;

/// <summary>
/// A set of entries that moves money between accounts. It cannot be built unless, for every currency,
/// its entries sum to exactly zero — so no code path can create or destroy money.
/// </summary>
public sealed class LedgerTransaction
{
    private LedgerTransaction(string kind, IReadOnlyList<LedgerEntry> entries)
    {
        Kind = kind;
        Entries = entries;
    }

    /// <summary>What the transaction is for (DEPOSIT, PAYOUT_DEBIT, …), kept on the stored transaction.</summary>
    public string Kind { get; }

    public IReadOnlyList<LedgerEntry> Entries { get; }

    public static LedgerTransaction Create(string kind, IEnumerable<LedgerEntry> entries)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        var list = entries.Where(e => e.Amount != 0).ToList();
        if (list.Count == 0)
        {
            throw new UnbalancedTransactionException("A ledger transaction needs at least one non-zero entry.");
        }

        foreach (var currency in list.GroupBy(e => e.Account.Currency, StringComparer.Ordinal))
        {
            var sum = currency.Sum(e => e.Amount);
            if (sum != 0)
            {
                throw new UnbalancedTransactionException(
                    $"Entries in {currency.Key} sum to {sum.ToString(System.Globalization.CultureInfo.InvariantCulture)}, not zero.");
            }
        }

        return new LedgerTransaction(kind, list);
    }

    /// <summary>Moves <paramref name="amount"/> (&gt; 0) from one account to another of the same currency.</summary>
    public static IEnumerable<LedgerEntry> Transfer(AccountKey from, AccountKey to, decimal amount)
    {
        if (amount < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), "A transfer moves a positive amount.");
        }

        if (from.Currency != to.Currency)
        {
            throw new UnbalancedTransactionException("A transfer stays in one currency.");
        }

        return [new LedgerEntry(from, -amount), new LedgerEntry(to, amount)];
    }
}
