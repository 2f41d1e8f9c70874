using Payout.Api.Domain.Money;
using Payout.Api.Domain.Payouts;
using Payout.Api.Domain.Rates;

namespace Payout.Api.Domain.Limits;

/// <summary>
/// The rolling payout limit per KYC level (spec §3): counted as the fiat sent (<c>amountTo</c>, fees excluded)
/// in EUR, over the last <see cref="PayoutOptions.LimitWindowDays"/> days, for payouts that succeeded or are in flight.
/// </summary>
public static class KycLimits
{
    /// <summary>The limit is kept in euro cents.</summary>
    public const int EurScale = 2;

    public const string Eur = "EUR";
    public const string Usd = "USD";

    /// <summary>A payout in this status gave its share of the limit back; every other one (in flight, paid) holds it.</summary>
    public const PayoutStatus NotCounted = PayoutStatus.FAILED;

    /// <summary>The level's limit in EUR; a level missing from configuration may pay out nothing.</summary>
    public static decimal LimitFor(KycLevel level, PayoutOptions options) =>
        options.KycLimitsEur.TryGetValue(level, out var limit) ? limit : 0m;

    /// <summary>What the limit still allows: limit − used, never below 0 (a lowered limit leaves nothing, not a debt).</summary>
    public static decimal RemainingEur(KycLevel level, decimal usedEur, PayoutOptions options) =>
        Math.Max(0m, LimitFor(level, options) - usedEur);

    /// <summary>
    /// EUR per one unit of <paramref name="fiat"/>: 1 for EUR, the configured reference rate for USD.
    /// Any other fiat has no reference rate yet; quoting it would be a configuration bug, so it throws.
    /// </summary>
    public static decimal EurPerUnit(Currency fiat, RatesOptions rates) => fiat.Code switch
    {
        Eur => 1m,
        Usd => rates.UsdToEurReferenceRate,
        _ => throw new ArgumentOutOfRangeException(nameof(fiat), fiat.Code, "No EUR reference rate for this fiat currency."),
    };

    /// <summary>
    /// A payout's <c>amountTo</c> as counted against the limit. USD × reference rate is rounded UP to cents so
    /// the limit is never under-counted. Store this figure with the payout: a later change of the reference rate
    /// must not change what past payouts used.
    /// </summary>
    public static decimal ToEur(decimal amountTo, Currency fiat, RatesOptions rates) => ToEur(amountTo, fiat, EurPerUnit(fiat, rates));

    /// <summary>As above, at a given EUR per unit of <paramref name="fiat"/> (the live USD/EUR rate when configured).</summary>
    public static decimal ToEur(decimal amountTo, Currency fiat, decimal eurPerUnit) =>
        fiat.Code == Eur ? amountTo : Rounding.Up(amountTo * eurPerUnit, EurScale);

    /// <summary>Payouts created at or after this instant count against the limit at <paramref name="now"/>.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now, PayoutOptions options) => now - options.LimitWindow;

    /// <summary>
    /// The day <paramref name="at"/> falls on, as days since 1970-01-01 (UTC): the unit in which the database keeps each
    /// customer's used limit (<c>kyc_limit_days</c>), so that a read sums whole days and scans the payouts of one day only.
    /// </summary>
    public static int DayOf(DateTimeOffset at) => (int)((at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerDay);

    /// <summary>Where the day <paramref name="day"/> (<see cref="DayOf"/>) starts: midnight UTC.</summary>
    public static DateTimeOffset StartOfDay(int day) => DateTimeOffset.UnixEpoch.AddDays(day);

    public static bool IsWithinLimit(decimal amountToEur, decimal remainingEur) => amountToEur <= remainingEur;

    /// <summary>What <paramref name="payouts"/> use of the limit at <paramref name="at"/>: those made at or after the window's start.</summary>
    public static decimal UsedAt(IEnumerable<CountedPayout> payouts, DateTimeOffset at, PayoutOptions options)
    {
        var since = WindowStart(at, options);
        return payouts.Where(p => p.CreatedAt >= since).Sum(p => p.AmountEur);
    }

    /// <summary>
    /// When a payout of <paramref name="amountToEur"/> fits the limit again if nothing else changes: the first whole
    /// second at which enough of the customer's <paramref name="counted"/> payouts have left the rolling window.
    /// <paramref name="now"/> when it fits already; null when waiting can never clear it (it is more than the level's
    /// whole limit). A payout made at <c>t</c> counts up to and including <c>t + window</c>, so the answer is the
    /// whole second after that instant for the payout whose leaving makes room: one second earlier it still counts.
    /// </summary>
    /// <param name="counted">The payouts that hold the limit now (in flight or paid, in the window), in any order.</param>
    public static DateTimeOffset? FitsAgainAt(
        IReadOnlyCollection<CountedPayout> counted, decimal amountToEur, KycLevel level, DateTimeOffset now, PayoutOptions options)
    {
        if (!IsWithinLimit(amountToEur, LimitFor(level, options)))
        {
            return null;
        }

        var since = WindowStart(now, options);
        var leavingInOrder = counted.Where(p => p.CreatedAt >= since).OrderBy(p => p.CreatedAt).ToList();
        var used = leavingInOrder.Sum(p => p.AmountEur);
        if (IsWithinLimit(amountToEur, RemainingEur(level, used, options)))
        {
            return now;
        }

        foreach (var payout in leavingInOrder)
        {
            used -= payout.AmountEur;
            if (IsWithinLimit(amountToEur, RemainingEur(level, used, options)))
            {
                return FirstWholeSecondAfter(payout.CreatedAt + options.LimitWindow);
            }
        }

        // With every payout gone the whole limit is free, and the amount is within it (checked first).
        throw new System.Diagnostics.UnreachableException("The limit must fit once every counted payout has left the window.");
    }

    /// <summary>The earliest instant on a whole second that is strictly later than <paramref name="instant"/>, in UTC.</summary>
    private static DateTimeOffset FirstWholeSecondAfter(DateTimeOffset instant)
    {
        var ticks = instant.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
    }
}
