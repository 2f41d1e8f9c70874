using Microsoft.OpenApi;

namespace Payout.Api.Features.Reports;

public static class ReportsApi
{
    public static IServiceCollection AddReports(this IServiceCollection services) =>
        services.AddScoped<LedgerDayTotals>();

    /// <summary>Maps the report on the operator group (its key check applies).</summary>
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/reports/daily", DailyReport.HandleAsync)
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                // The same figures as CSV, one row per currency and account type, for Accept: text/csv.
                operation.Responses?["200"].Content?.TryAdd(DailyReport.CsvMediaType, new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = string.Join(',', DailyReportCsv.Columns) },
                });
                return Task.CompletedTask;
            });
        return admin;
    }
}
