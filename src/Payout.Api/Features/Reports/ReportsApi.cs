namespace Payout.Api.Features.Reports;

public static class ReportsApi
{
    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services.AddScoped<LedgerDayTotals>();

    /// <summary>Maps the report on the operator group (its key check applies).</summary>
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/reports/daily", DailyReport.HandleAsync)
            .Produces<string>(StatusCodes.Status200OK, DailyReport.CsvMediaType);
        return admin;
    }
}
