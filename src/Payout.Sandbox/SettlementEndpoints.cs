namespace Payout.Sandbox;

/// <summary>Settlement files (what the network paid in a day) and the operator's way to plant differences in them.</summary>
internal static class SettlementEndpoints
{
    private const string BadDate = "date must be a calendar day written yyyy-MM-dd.";

    public static IResult GetFile(string date, SettlementFiles files) =>
        SettlementFiles.TryParseDate(date, out var day)
            ? SandboxResults.Ok(files.For(day))
            : SandboxResults.Validation(BadDate);

    public static async Task<IResult> PlantAsync(string date, HttpContext http, SettlementFiles files)
    {
        if (!SettlementFiles.TryParseDate(date, out var day))
        {
            return SandboxResults.Validation(BadDate);
        }

        var (request, error) = await SandboxJson.ReadAsync<AdjustmentRequest>(http.Request);
        if (request is null)
        {
            return error!;
        }

        if (request.Problem() is { } problem)
        {
            return SandboxResults.Validation(problem);
        }

        files.Plant(day, new SettlementAdjustment(request.Kind!.Value, request.PayoutId!, request.Amount, request.Currency));
        return SandboxResults.Ok(files.For(day));
    }

    public static IResult Clear(string date, SettlementFiles files)
    {
        if (!SettlementFiles.TryParseDate(date, out var day))
        {
            return SandboxResults.Validation(BadDate);
        }

        files.Clear(day);
        return Results.NoContent();
    }

    /// <summary>Body of <c>POST /v1/admin/settlements/{date}/adjustments</c>.</summary>
    private sealed record AdjustmentRequest(SettlementAdjustmentKind? Kind, string? PayoutId, decimal? Amount, string? Currency)
    {
        public string? Problem()
        {
            if (Kind is null)
            {
                return "kind is required: EXTRA_ROW, DROP_ROW or CHANGE_AMOUNT.";
            }

            if (!CreatePayoutRequest.IsValidId(PayoutId))
            {
                return $"payoutId is required: 1 to {CreatePayoutRequest.MaxIdLength} letters, digits, '-', '_', '.' or ':'.";
            }

            var needsAmount = Kind is SettlementAdjustmentKind.ExtraRow or SettlementAdjustmentKind.ChangeAmount;
            if (needsAmount && (Amount is not { } amount || amount <= 0 || amount > 1_000_000_000m || decimal.Round(amount, 2) != amount))
            {
                return "amount is required for EXTRA_ROW and CHANGE_AMOUNT: greater than 0, at most 1000000000, at most 2 decimals.";
            }

            return Kind == SettlementAdjustmentKind.ExtraRow && Currency is not ("EUR" or "USD")
                ? "currency must be EUR or USD for EXTRA_ROW."
                : null;
        }
    }
}
