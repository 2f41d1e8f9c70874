using System.ComponentModel;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Ledger;
using Payout.Api.Domain.Reports;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Reports;

/// <summary>
/// <c>GET /admin/v1/reports/daily?date=yyyy-MM-dd</c>: per currency and ledger account type, the balance at the
/// start and end of a UTC day and what moved it, with the check that opening + movements = closing.
/// JSON, or CSV (one row per currency and account type) with <c>Accept: text/csv</c>.
/// </summary>
public static class DailyReport
{
    public const string CsvMediaType = "text/csv";

    public sealed record Response(string Date, DateTimeOffset From, DateTimeOffset To, bool Balances, IReadOnlyList<CurrencyReport> Currencies);

    /// <param name="SumsToZero">The currency's account types together hold zero at the start and at the end (double entry).</param>
    /// <param name="Balances">Every account type balances and the currency sums to zero.</param>
    public sealed record CurrencyReport(
        string Currency, bool Balances, bool SumsToZero,
        decimal Deposits, decimal Withdrawals, decimal FloatTopUps, decimal PayoutsDebited, decimal Settled, decimal Refunded, decimal Fees, decimal PartnerFees,
        IReadOnlyList<AccountReport> Accounts);

    /// <param name="AccountType">E.g. <c>CUSTOMER_WALLET</c> (every customer's wallet in the currency, summed) or a house account.</param>
    public sealed record AccountReport(string AccountType, decimal Opening, MovementsReport Movements, decimal Closing, bool Balances);

    /// <summary>The day's signed change of the account type per kind of ledger transaction.</summary>
    public sealed record MovementsReport(decimal Deposit, decimal Withdrawal, decimal FloatTopUp, decimal PayoutDebit, decimal PayoutSettle, decimal PayoutRefund);

    [ProducesError(ErrorCode.VALIDATION)]
    public static async Task<Results<Ok<Response>, ContentHttpResult, ApiError>> HandleAsync(
        [Description("The UTC day, yyyy-MM-dd, up to today.")] string? date, HttpRequest request, LedgerDayTotals totals, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (ReportDate.Parse(date, clock) is not { } day)
        {
            return ReportDate.Invalid();
        }

        var from = UtcDay.Start(day);
        var to = UtcDay.End(day);
        var currencies = await totals.ReadAsync(from, to, cancellationToken);
        var report = new Response(UtcDay.Text(day), from, to, currencies.All(c => c.Balances), [.. currencies.Select(ToReport)]);
        return WantsCsv(request)
            ? TypedResults.Text(DailyReportCsv.Write(report), CsvMediaType + "; charset=utf-8")
            : TypedResults.Ok(report);
    }

    /// <summary>The wire name of an account type: <c>CustomerWallet</c> → <c>CUSTOMER_WALLET</c>.</summary>
    public static string WireName(AccountType type) => JsonNamingPolicy.SnakeCaseUpper.ConvertName(type.ToString());

    private static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(CsvMediaType, StringComparison.OrdinalIgnoreCase) && a.Quality is null or > 0);

    private static CurrencyReport ToReport(CurrencyDay c) => new(
        c.Currency, c.Balances, c.SumsToZero,
        c.Deposits, c.Withdrawals, c.FloatTopUps, c.PayoutsDebited, c.Settled, c.Refunded, c.Fees, c.PartnerFees,
        [.. c.Accounts.Select(a => new AccountReport(
            WireName(a.Type),
            a.Opening,
            new MovementsReport(a.Movements.Deposit, a.Movements.Withdrawal, a.Movements.FloatTopUp, a.Movements.PayoutDebit, a.Movements.PayoutSettle, a.Movements.PayoutRefund),
            a.Closing,
            a.Balances))]);
}
