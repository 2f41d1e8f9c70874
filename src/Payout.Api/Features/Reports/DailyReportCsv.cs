using System.Globalization;
using System.Text;

namespace Payout.Api.Features.Reports;

/// <summary>
/// The daily report as CSV (RFC 4180): a header, then one row per currency and account type with the JSON's
/// figures. Amounts are invariant-culture decimals ("1234.5", never an exponent or a thousands separator).
/// </summary>
public static class DailyReportCsv
{
    public static readonly string[] Columns =
    [
        "date", "currency", "accountType", "opening", "deposit", "withdrawal", "floatTopUp", "payoutDebit", "payoutSettle", "payoutRefund",
        "closing", "balances",
    ];

    public static string Write(DailyReport.Response report)
    {
        var csv = new StringBuilder();
        AppendRow(csv, Columns);
        foreach (var currency in report.Currencies)
        {
            foreach (var account in currency.Accounts)
            {
                var m = account.Movements;
                AppendRow(csv,
                [
                    report.Date, currency.Currency, account.AccountType, Amount(account.Opening),
                    Amount(m.Deposit), Amount(m.Withdrawal), Amount(m.FloatTopUp), Amount(m.PayoutDebit), Amount(m.PayoutSettle), Amount(m.PayoutRefund),
                    Amount(account.Closing), account.Balances ? "true" : "false",
                ]);
            }
        }

        return csv.ToString();
    }

    // decimal's "G" format never uses an exponent; "0" would drop the fraction.
    private static string Amount(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every field we write is a code, a date, a number or a boolean; none needs quoting.</summary>
    private static void AppendRow(StringBuilder csv, IEnumerable<string> fields) =>
        csv.Append(string.Join(',', fields)).Append("\r\n");
}
