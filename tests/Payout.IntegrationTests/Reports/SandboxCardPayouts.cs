using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Payout.IntegrationTests.Reports;

/// <summary>One payout of the same amount to each sandbox test card that can be paid to, left in its final state.</summary>
internal static class SandboxCardPayouts
{
    public const string PaidAtOnce = "4012888888881881";
    public const string PendingThenPaid = "4000000000000010";
    public const string PendingThenDeclined = "4000000000000028";
    public const string DeclinedAtOnce = "4000000000000036";
    public const string Transient = "4000000000000051";
    public const string LostResponse = "4000000000000069";
    public const string NoAnswer = "4000000000000077";

    /// <summary>Every card that can be paid to, with the status its payout ends in (the not-eligible card cannot be added).</summary>
    public static readonly IReadOnlyList<(string Card, string Status)> Cards =
    [
        (PaidAtOnce, "SUCCESS"),
        (PendingThenPaid, "SUCCESS"),
        (PendingThenDeclined, "FAILED"),
        (DeclinedAtOnce, "FAILED"),
        (Transient, "SUCCESS"),
        (LostResponse, "SUCCESS"),
        (NoAnswer, "PENDING"),
    ];

    public sealed record Payout(string Card, long OperationId, string Status, decimal AmountTo, DateTimeOffset UpdatedAt);

    /// <summary>
    /// Executes one payout of <paramref name="amount"/> USDT → EUR per card, then moves the clock until every payout
    /// but the unanswered one is final (<see cref="ReportsApp.SettleAsync"/>).
    /// </summary>
    public static async Task<IReadOnlyList<Payout>> PayWithEveryCardAsync(ReportsApp app, HttpClient customer, decimal amount)
    {
        var executed = new List<(string Card, long OperationId)>();
        foreach (var (card, _) in Cards)
        {
            var cardId = await app.AddCardAsync(customer, card);
            var offerId = await app.QuoteAsync(customer, cardId, amount);
            using var response = await app.PayAsync(customer, offerId);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            executed.Add((card, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("operationId").GetInt64()));
        }

        var settled = await app.SettleAsync(customer, [.. executed.Where(e => e.Card != NoAnswer).Select(e => e.OperationId)]);
        var payouts = new List<Payout>();
        foreach (var (card, operationId) in executed)
        {
            var operation = settled.TryGetValue(operationId, out var final)
                ? final
                : await customer.GetFromJsonAsync<JsonElement>($"/v4/payout/operations/{operationId}");
            var payout = new Payout(card, operationId, operation.GetProperty("status").GetString()!,
                operation.GetProperty("amountTo").GetDecimal(), operation.GetProperty("updatedAt").GetDateTimeOffset());
            var expected = Cards.Single(c => c.Card == card).Status;
            Assert.True(expected == payout.Status, $"The payout to {card} is {payout.Status}, not {expected}.");
            payouts.Add(payout);
        }

        return payouts;
    }
}
