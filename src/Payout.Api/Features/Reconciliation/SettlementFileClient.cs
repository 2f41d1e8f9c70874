using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Reconciliation;
using Payout.Api.Domain.Reports;
using Payout.Api.Features.Payouts.Network;

namespace Payout.Api.Features.Reconciliation;

/// <summary>
/// Reads the network's settlement file of a day (<c>GET v1/settlements/{date}</c>, src/Payout.Sandbox/README.md)
/// with the payout network client's settings (key, per-attempt timeout, retries of refused requests, circuit breaker;
/// see <see cref="ReconciliationApi"/>). A GET changes nothing at the network, so every retry is safe.
/// </summary>
public sealed class SettlementFileClient(IHttpClientFactory clients, NetworkAddress address)
{
    public const string ClientName = "payout-network-settlements";

    private const decimal MaxAmount = 1_000_000_000m;
    private const int StorageScale = 8;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { NumberHandling = JsonNumberHandling.Strict };

    public async Task<IReadOnlyList<NetworkPayment>> FetchAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var http = clients.CreateClient(ClientName);
        SettlementFile? file;
        try
        {
            using var response = await http.GetAsync(address.Network($"v1/settlements/{UtcDay.Text(day)}"), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new SettlementFileUnavailableException(
                    $"The network answered {(int)response.StatusCode} for the settlement file of {UtcDay.Text(day)}.");
            }

            file = await response.Content.ReadFromJsonAsync<SettlementFile>(Json, cancellationToken);
        }
        catch (Exception e) when ((e is HttpRequestException or TaskCanceledException or TimeoutException or JsonException
            or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException) && !cancellationToken.IsCancellationRequested)
        {
            throw new SettlementFileUnavailableException($"No settlement file of {UtcDay.Text(day)} from the network: {e.GetType().Name}.", e);
        }

        if (file?.Rows is null || file.Date != UtcDay.Text(day) || !file.Rows.All(IsReadable))
        {
            throw new SettlementFileUnavailableException($"The settlement file of {UtcDay.Text(day)} is not the file asked for, or a row is unreadable.");
        }

        return [.. file.Rows.Select(r => new NetworkPayment(day, OperationIdOf(r.PayoutId!), r.Amount, r.Currency!, r.PaidAt))];
    }

    /// <summary>What we can store and compare: an id, a currency code, an amount within the spec's cap at our storage scale.</summary>
    private static bool IsReadable(SettlementRow row) =>
        row.PayoutId is { Length: > 0 }
        && row.Currency is { Length: >= 1 and <= 10 }
        && row.Amount is > 0 and <= MaxAmount
        && Rounding.FitsScale(row.Amount, StorageScale);

    /// <summary>Our payouts are <c>op-{operationId}</c> at the network; any other id is not ours.</summary>
    private static long? OperationIdOf(string payoutId) =>
        payoutId.StartsWith("op-", StringComparison.Ordinal)
        && long.TryParse(payoutId.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : null;

    private sealed record SettlementFile(string? Date, IReadOnlyList<SettlementRow>? Rows);

    private sealed record SettlementRow(string? PayoutId, decimal Amount, string? Currency, DateTimeOffset PaidAt);
}
