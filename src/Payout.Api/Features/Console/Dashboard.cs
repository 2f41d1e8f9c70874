using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Payouts;
using Payout.Api.Domain.Rates;
using Payout.Api.Features.Admin;
using Payout.Api.Features.Ledger;
using Payout.Api.Features.Payouts;
using Payout.Api.Features.Payouts.Network;
using Payout.Api.Features.Rates;
using Payout.Api.Infrastructure.Persistence;

namespace Payout.Api.Features.Console;

/// <summary>
/// <c>GET /admin/v1/dashboard</c>: the figures of the console's first page. Fees and float come from the ledger;
/// counts and volumes from the payouts. <c>share</c> values are 0–1 ratios for drawing bars, never money.
/// </summary>
public static class Dashboard
{
    public const int Hours = 24;
    public const int StuckShown = 10;

    /// <param name="Hour">The start of the hour (UTC).</param>
    /// <param name="Share">Total of this hour ÷ total of the busiest hour.</param>
    public sealed record HourBucket(DateTimeOffset Hour, int Succeeded, int Pending, int Failed, int Total, double Share);

    /// <param name="Side"><c>crypto</c> (debited amounts) or <c>fiat</c> (paid to cards).</param>
    /// <param name="Share">Amount ÷ the largest amount of the same side.</param>
    public sealed record Volume(string Currency, string Side, decimal Amount, int Payouts, double Share);

    public sealed record FeesEarned(string Currency, decimal Fees, decimal PartnerFees);

    public sealed record InFlight(int Count, IReadOnlyList<CurrencyBalance> AmountTo);

    public sealed record Stuck(int Count, int AfterMinutes, IReadOnlyList<StuckPayouts.Item> Items);

    public sealed record FloatItem(string Currency, decimal Available, decimal Reserved, bool Low);

    public sealed record RateAge(string From, string To, decimal? Rate, DateTimeOffset? ObservedAt, double? AgeSeconds, bool Stale);

    /// <param name="PayoutsPerHour">The last 24 hours, oldest first, by creation time.</param>
    /// <param name="Volumes">Succeeded payouts of the last 24 hours, per currency.</param>
    /// <param name="FeesEarned">Fee revenue of settled payouts since the beginning, per crypto currency.</param>
    public sealed record Response(
        DateTimeOffset GeneratedAt, IReadOnlyList<HourBucket> PayoutsPerHour, IReadOnlyList<Volume> Volumes,
        IReadOnlyList<FeesEarned> FeesEarned, InFlight InFlight, Stuck Stuck, IReadOnlyList<FloatItem> Float, decimal LowFloatBelow,
        int RateMaxAgeSeconds, IReadOnlyList<RateAge> Rates);

    public static async Task<Response> HandleAsync(
        PayoutDbContext db, PayoutStore payouts, LedgerReader ledger, CurrencyCatalog currencies, IRateSource rates, IOptions<RatesOptions> rateOptions,
        IOptions<ConsoleOptions> consoleOptions, IOptions<PayoutNetworkOptions> networkOptions, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var firstHour = HourOf(now).AddHours(-(Hours - 1));
        var recent = await db.Set<PayoutOperation>().AsNoTracking()
            .Where(p => p.CreatedAt >= firstHour)
            .Select(p => new { p.CreatedAt, p.Status, p.AmountFrom, p.CurrencyFrom, p.AmountTo, p.CurrencyTo })
            .ToListAsync(cancellationToken);
        var pending = await db.Set<PayoutOperation>().AsNoTracking()
            .Where(p => p.Status == PayoutStatus.PENDING)
            .GroupBy(p => p.CurrencyTo)
            .Select(g => new { Currency = g.Key, Count = g.Count(), Amount = g.Sum(p => p.AmountTo) })
            .ToListAsync(cancellationToken);
        var stuck = await StuckPayouts.HandleAsync(payouts, networkOptions, clock, cancellationToken);
        var lowBelow = consoleOptions.Value.LowFloatBelow;
        var floats = (await NetworkFloat.ListAsync(ledger, currencies, cancellationToken)).Items
            .Select(f => new FloatItem(f.Currency, f.Available, f.Reserved, f.Available < lowBelow)).ToList();

        var hours = Enumerable.Range(0, Hours).Select(i => firstHour.AddHours(i))
            .Select(hour => recent.Where(p => HourOf(p.CreatedAt) == hour).Select(p => p.Status).ToList())
            .ToList();
        var busiest = Math.Max(1, hours.Max(h => h.Count));
        var succeeded = recent.Where(p => p.Status == PayoutStatus.SUCCESS).ToList();
        var volumes = Shares(succeeded.GroupBy(p => p.CurrencyFrom).Select(g => (g.Key, "crypto", g.Sum(p => p.AmountFrom), g.Count())))
            .Concat(Shares(succeeded.GroupBy(p => p.CurrencyTo).Select(g => (g.Key, "fiat", g.Sum(p => p.AmountTo), g.Count()))))
            .ToList();

        return new Response(
            now,
            hours.Select((statuses, i) => new HourBucket(
                firstHour.AddHours(i),
                statuses.Count(s => s == PayoutStatus.SUCCESS),
                statuses.Count(s => s == PayoutStatus.PENDING),
                statuses.Count(s => s == PayoutStatus.FAILED),
                statuses.Count,
                (double)statuses.Count / busiest)).ToList(),
            volumes,
            await FeesAsync(db, cancellationToken),
            new InFlight(pending.Sum(p => p.Count), pending.OrderBy(p => p.Currency, StringComparer.Ordinal).Select(p => new CurrencyBalance(p.Currency, p.Amount)).ToList()),
            new Stuck(stuck.Items.Count, networkOptions.Value.StuckAfterMinutes, stuck.Items.Take(StuckShown).ToList()),
            floats,
            lowBelow,
            rateOptions.Value.MaxAgeSeconds,
            await RateAgesAsync(rates, currencies, rateOptions.Value, now, cancellationToken));
    }

    private static DateTimeOffset HourOf(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private static IEnumerable<Volume> Shares(IEnumerable<(string Currency, string Side, decimal Amount, int Count)> sums)
    {
        var list = sums.OrderBy(s => s.Currency, StringComparer.Ordinal).ToList();
        var largest = list.Count == 0 ? 0m : list.Max(s => s.Amount);
        return list.Select(s => new Volume(s.Currency, s.Side, s.Amount, s.Count, largest == 0 ? 0 : (double)(s.Amount / largest)));
    }

    private static async Task<IReadOnlyList<FeesEarned>> FeesAsync(PayoutDbContext db, CancellationToken cancellationToken)
    {
        // Revenue accounts are credited by settlements: their balances are the fees earned.
        var accounts = await db.Set<LedgerAccount>().AsNoTracking()
            .Where(a => a.Type == AccountType.FeeRevenue || a.Type == AccountType.PartnerRevenue)
            .Select(a => new { a.Type, a.Currency, a.Balance })
            .ToListAsync(cancellationToken);
        return accounts.GroupBy(a => a.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FeesEarned(
                g.Key,
                g.Where(a => a.Type == AccountType.FeeRevenue).Sum(a => a.Balance),
                g.Where(a => a.Type == AccountType.PartnerRevenue).Sum(a => a.Balance)))
            .ToList();
    }

    private static async Task<IReadOnlyList<RateAge>> RateAgesAsync(
        IRateSource rates, CurrencyCatalog currencies, RatesOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ages = new List<RateAge>();
        foreach (var (from, to) in options.QuotedPairs(currencies).Select(pair => (pair.From.Code, pair.To.Code)))
        {
            var rate = await rates.GetAsync(from, to, cancellationToken);
            var age = rate is null ? (double?)null : Math.Max(0, (now - rate.ObservedAt).TotalSeconds);
            ages.Add(new RateAge(from, to, rate?.Value, rate?.ObservedAt, age, age is null || age > options.MaxAgeSeconds));
        }

        return ages;
    }
}
