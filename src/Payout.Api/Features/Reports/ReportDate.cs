using Payout.Api.Domain.Reports;
using Payout.Api.Infrastructure.Errors;

namespace Payout.Api.Features.Reports;

/// <summary>The <c>date</c> of reports and reconciliation: a UTC day written yyyy-MM-dd, not in the future.</summary>
public static class ReportDate
{
    public static DateOnly? Parse(string? text, TimeProvider clock) =>
        UtcDay.TryParse(text, UtcDay.Of(clock.GetUtcNow()), out var day) ? day : null;

    public static ApiError Invalid() => ApiError.Validation(
        "date", $"date must be a UTC day written {UtcDay.Format}, from {UtcDay.Text(UtcDay.Earliest)} up to today.");
}
