namespace Payout.Api.Domain.Reports;

/// <summary>Builds the day per currency from the sums the database computes.</summary>
public static class DailyLedgerReport
{
    /// <summary>
    /// One line per currency and account type that held money at either end of the day or moved during it; a
    /// currency with no such line is left out.
    /// </summary>
    /// <param name="balances">Per currency and account type: the sum of the postings before the day, and before the next day.</param>
    /// <param name="movements">Per currency, account type and transaction kind: the postings during the day.</param>
    public static IReadOnlyList<CurrencyDay> Build(IEnumerable<AccountTypeBalances> balances, IEnumerable<AccountTypeMovement> movements)
    {
        var movementList = movements.ToList();
        var moved = movementList
            .GroupBy(m => (m.Currency, m.Type))
            .ToDictionary(g => g.Key, g => g.Aggregate(Movements.None, (sum, m) => sum.Add(m.Kind, m.Amount)));
        var active = movementList.Where(m => m.Amount != 0).Select(m => (m.Currency, m.Type)).ToHashSet();
        return [.. balances
            .Where(b => b.Opening != 0 || b.Closing != 0 || active.Contains((b.Currency, b.Type)))
            .GroupBy(b => b.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(currency => new CurrencyDay(currency.Key, [.. currency
                .OrderBy(b => b.Type)
                .Select(b => new AccountTypeDay(b.Type, b.Opening, moved.GetValueOrDefault((b.Currency, b.Type), Movements.None), b.Closing))]))];
    }
}
