namespace Payout.Api.Domain.Reconciliation;

/// <summary>
/// Matches a day's settlement file with our settled payouts. Midnight separates the two sides' days for a payout
/// settled around it (the network pays at 23:59:59.9, its callback lands at 00:00:00.2), so a payment and a
/// settlement match when their days are at most one apart: a payout is "missing" only when neither the day's
/// file nor its neighbours' pay it. Each difference is reported on one day: a payment on its file's day, a
/// settlement on its settlement day.
/// </summary>
public static class SettlementMatching
{
    /// <param name="day">The day reconciled.</param>
    /// <param name="payments">The rows of the files of <paramref name="day"/> and the days before and after it.</param>
    /// <param name="settled">Our payouts settled as SUCCESS on <paramref name="day"/> and the days before and after it.</param>
    public static IReadOnlyList<SettlementDifference> Compare(DateOnly day, IReadOnlyList<NetworkPayment> payments, IReadOnlyList<SettledPayout> settled)
    {
        var ours = settled.ToDictionary(p => p.OperationId);
        var matchOf = FirstPaymentWithinADay(payments, ours);
        var differences = new List<SettlementDifference>();

        for (var i = 0; i < payments.Count; i++)
        {
            var payment = payments[i];
            if (payment.FileDay != day)
            {
                continue;
            }

            if (payment.OperationId is not { } id || !ours.TryGetValue(id, out var payout) || !WithinADay(payment.FileDay, payout.SettledDay)
                || matchOf[id] != i)
            {
                // Unknown to us, not (yet) settled by us, settled on a day too far away, or a second payment of one payout.
                differences.Add(new(DifferenceKind.PAID_NOT_SETTLED, payment.OperationId, payment.Amount, null, payment.Currency));
            }
            else if (payment.Amount != payout.Amount || payment.Currency != payout.Currency)
            {
                differences.Add(new(DifferenceKind.AMOUNT_MISMATCH, id, payment.Amount, payout.Amount, payout.Currency));
            }
        }

        differences.AddRange(settled
            .Where(p => p.SettledDay == day && !matchOf.ContainsKey(p.OperationId))
            .Select(p => new SettlementDifference(DifferenceKind.SETTLED_NOT_PAID, p.OperationId, null, p.Amount, p.Currency)));

        return [.. differences.OrderBy(d => d.OperationId ?? long.MaxValue).ThenBy(d => d.Kind)];
    }

    private static bool WithinADay(DateOnly a, DateOnly b) => Math.Abs(a.DayNumber - b.DayNumber) <= 1;

    /// <summary>For each settled payout, the index of the earliest payment of it within a day of its settlement.</summary>
    private static Dictionary<long, int> FirstPaymentWithinADay(IReadOnlyList<NetworkPayment> payments, Dictionary<long, SettledPayout> ours)
    {
        var first = new Dictionary<long, int>();
        for (var i = 0; i < payments.Count; i++)
        {
            var payment = payments[i];
            if (payment.OperationId is not { } id || !ours.TryGetValue(id, out var payout) || !WithinADay(payment.FileDay, payout.SettledDay))
            {
                continue;
            }

            if (!first.TryGetValue(id, out var earlier) || IsEarlier(payment, payments[earlier]))
            {
                first[id] = i;
            }
        }

        return first;
    }

    private static bool IsEarlier(NetworkPayment a, NetworkPayment b) =>
        a.FileDay < b.FileDay || (a.FileDay == b.FileDay && a.PaidAt < b.PaidAt);
}
